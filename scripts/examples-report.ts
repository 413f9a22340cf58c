/**
 * Evidence of accuracy, from the command line (npm run check -- --report [--jurisdictions DIR]):
 * runs every pack's example posts (jurisdictions/<code>/examples/*.yaml) through the engine and
 * prints, per pack, how many examples there are, how many are compliant, how often the engine's
 * verdict is exactly the expected one, the false flags (compliant examples that got a block, fix
 * or approval finding the example does not expect) and the misses (violations that came out
 * clear or needs_approval), then a total line and one line per disagreement.
 *
 * Exit codes: 0 every verdict as expected, 1 some verdict differs, 2 bad input.
 */
import { resolve } from 'path';
import { PackValidationError, RulesEngine } from '@preclear/rules-engine';
import {
  DEFAULT_EXAMPLE_NOW,
  Example,
  exampleFiles,
  listPackFolders,
  readExample,
  toFacts,
} from '../jurisdictions/example-posts';

export interface ExampleOutcome {
  file: string;
  compliant: boolean;
  expectedVerdict: string;
  actualVerdict: string;
  findingsExact: boolean;
  /** Compliant examples only: block/fix/approval findings the example does not expect. */
  falseFlags: string[];
  /** A violation (expected blocked or needs_changes) that the engine let through. */
  missed: boolean;
}

export interface PackReport {
  pack: string;
  outcomes: ExampleOutcome[];
}

const FAILING = new Set(['blocked', 'needs_changes']);

function findingKeys(entry: { findings: { ruleId: string; kind: string; severity: string }[] }): string[] {
  return entry.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.ruleId} ${f.kind} ${f.severity}`)
    .sort();
}

export function judgeExample(engine: RulesEngine, code: string, file: string, example: Example): ExampleOutcome {
  const evaluation = engine.evaluate(toFacts(code, example.post), new Date(example.now ?? DEFAULT_EXAMPLE_NOW));
  const jurisdiction = example.expect.jurisdiction ?? code;
  const entry = evaluation.jurisdictions.find((j) => j.jurisdiction === jurisdiction);
  const actual = entry ? findingKeys(entry) : [];
  const expected = [...example.expect.findings].sort();
  const compliant = example.compliant === true;
  const actualVerdict = entry?.verdict ?? `no evaluation for ${jurisdiction}`;
  return {
    file,
    compliant,
    expectedVerdict: example.expect.verdict,
    actualVerdict,
    findingsExact: JSON.stringify(actual) === JSON.stringify(expected),
    falseFlags: compliant ? actual.filter((key) => !expected.includes(key)) : [],
    missed: !compliant && FAILING.has(example.expect.verdict) && !FAILING.has(actualVerdict),
  };
}

export function examplesReport(packsDir: string): PackReport[] {
  const engine = RulesEngine.fromDirectory(packsDir);
  return listPackFolders(packsDir).map((folder) => {
    const { code, dir, files } = exampleFiles(folder, packsDir, engine);
    return { pack: code, outcomes: files.map((file) => judgeExample(engine, code, file, readExample(dir, file))) };
  });
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;
}

function row(pack: string, outcomes: ExampleOutcome[]): string {
  const exact = outcomes.filter((o) => o.expectedVerdict === o.actualVerdict).length;
  const findings = outcomes.filter((o) => o.findingsExact).length;
  return [
    pack,
    outcomes.length,
    outcomes.filter((o) => o.compliant).length,
    `${exact}/${outcomes.length} (${percent(exact, outcomes.length)})`,
    `${findings}/${outcomes.length}`,
    outcomes.filter((o) => o.falseFlags.length > 0).length,
    outcomes.filter((o) => o.missed).length,
  ].join(' | ');
}

export function renderReport(reports: PackReport[]): string {
  const all = reports.flatMap((r) => r.outcomes);
  const lines = [
    '| Pack | Examples | Compliant | Exact verdict | Exact findings | False flags | Misses |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...reports.map((r) => `| ${row(r.pack, r.outcomes)} |`),
    `| ${row('Total', all)} |`,
  ];
  for (const r of reports) {
    for (const o of r.outcomes) {
      if (o.expectedVerdict !== o.actualVerdict) {
        lines.push(`VERDICT ${r.pack} ${o.file}: expected ${o.expectedVerdict}, got ${o.actualVerdict}`);
      }
      if (o.falseFlags.length > 0) lines.push(`FALSE FLAG ${r.pack} ${o.file}: ${o.falseFlags.join(', ')}`);
      if (o.missed) lines.push(`MISS ${r.pack} ${o.file}: a violation came out ${o.actualVerdict}`);
    }
  }
  return lines.join('\n');
}

export function reportMain(argv: readonly string[]): number {
  let packsDir = resolve(__dirname, '..', 'jurisdictions');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--report') continue;
    const value = argv[i + 1];
    if (argv[i] !== '--jurisdictions' || value === undefined) {
      process.stderr.write(`unknown argument ${argv[i]} (with --report: --jurisdictions DIR)\n`);
      return 2;
    }
    packsDir = resolve(value);
    i++;
  }
  let reports: PackReport[];
  try {
    reports = examplesReport(packsDir);
  } catch (error) {
    if (error instanceof PackValidationError) {
      process.stderr.write(`invalid pack: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  process.stdout.write(`${renderReport(reports)}\n`);
  return reports.some((r) => r.outcomes.some((o) => o.expectedVerdict !== o.actualVerdict)) ? 1 : 0;
}
