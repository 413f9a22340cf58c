/**
 * The accuracy report of `npm run check -- --report` (scripts/examples-report.ts), run in-process on a
 * copy of two packs whose examples were edited so that the report has something to find.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { examplesReport, renderReport, reportMain } from '../scripts/examples-report';
import { Example } from './example-posts';

const IMPRESSUM = { DE: { impressumUrl: 'https://musterbank.example/impressum', impressumLinkLabel: 'Impressum' } };

function copyPacks(): string {
  const dir = mkdtempSync(join(tmpdir(), 'examples-report-'));
  for (const pack of ['eu', 'de']) cpSync(join(__dirname, pack), join(dir, pack), { recursive: true });
  return dir;
}

function addExample(dir: string, file: string, example: Example): void {
  writeFileSync(join(dir, 'de', 'examples', file), stringify(example));
}

function captureStdout(run: () => number): { code: number; out: string } {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: run(), out };
  } finally {
    spy.mockRestore();
  }
}

describe('examples report', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyPacks();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts every example of every pack and agrees with the packs as shipped', () => {
    const reports = examplesReport(dir);
    expect(reports.map((r) => r.pack)).toEqual(['DE', 'EU']);
    const de = reports[0];
    expect(de.outcomes).toHaveLength(readdirSync(join(dir, 'de', 'examples')).length);
    expect(
      de.outcomes.every(
        (o) => o.expectedVerdict === o.actualVerdict && o.findingsExact && o.falseFlags.length === 0 && !o.missed,
      ),
    ).toBe(true);
    const { code, out } = captureStdout(() => reportMain(['--report', '--jurisdictions', dir]));
    expect(code).toBe(0);
    expect(out).toMatch(/^\| DE \| \d+ \| \d+ \| (\d+)\/\1 \(100\.0 %\) \| (\d+)\/\2 \| 0 \| 0 \|$/m);
    expect(out).toMatch(/^\| Total \| \d+ \| \d+ \| (\d+)\/\1 \(100\.0 %\) \| (\d+)\/\2 \| 0 \| 0 \|$/m);
    expect(out).not.toMatch(/^(VERDICT|FALSE FLAG|MISS) /m);
  });

  it('names a false flag, a miss and every verdict that differs, and exits 1', () => {
    // Compliant, but the engine asks for a compliance review the example does not expect.
    addExample(dir, '90-false-flag.yaml', {
      description: 'Savings post expected clear',
      why: 'test',
      source: 'test fixture',
      compliant: true,
      post: { body: 'Tagesgeld mit 2,5 % p. a.', locale: 'de-DE', productCategory: 'deposit', brandProfile: IMPRESSUM },
      expect: { verdict: 'clear', findings: [] },
    });
    // A violation that the engine lets through: the post is in fact harmless.
    addExample(dir, '91-miss.yaml', {
      description: 'Harmless brand post expected blocked',
      why: 'test',
      source: 'test fixture',
      post: { body: 'Frohe Ostern!', locale: 'de-DE', productCategory: 'brand', brandProfile: IMPRESSUM },
      expect: { verdict: 'blocked', findings: ['DE-PANGV-17-1-EXPECTATIONS prohibited_claim block'] },
    });
    const de = examplesReport(dir).find((r) => r.pack === 'DE');
    const flagged = de?.outcomes.find((o) => o.file === '90-false-flag.yaml');
    expect(flagged).toMatchObject({
      compliant: true,
      expectedVerdict: 'clear',
      actualVerdict: 'needs_approval',
      missed: false,
    });
    expect(flagged?.falseFlags).toEqual(['EU-MARKETING-REVIEW approval_required approval']);
    expect(de?.outcomes.find((o) => o.file === '91-miss.yaml')).toMatchObject({
      compliant: false,
      actualVerdict: 'clear',
      missed: true,
      falseFlags: [],
    });

    const { code, out } = captureStdout(() => reportMain(['--report', '--jurisdictions', dir]));
    expect(code).toBe(1);
    const total = de?.outcomes.length ?? 0;
    expect(out).toContain(`| DE | ${total} | `);
    expect(out).toContain(
      `| ${total - 2}/${total} (${((100 * (total - 2)) / total).toFixed(1)} %) | ${total - 2}/${total} | 1 | 1 |`,
    );
    expect(out).toContain('VERDICT DE 90-false-flag.yaml: expected clear, got needs_approval');
    expect(out).toContain('FALSE FLAG DE 90-false-flag.yaml: EU-MARKETING-REVIEW approval_required approval');
    expect(out).toContain('VERDICT DE 91-miss.yaml: expected blocked, got clear');
    expect(out).toContain('MISS DE 91-miss.yaml: a violation came out clear');
    expect(renderReport([])).toContain('| Total | 0 | 0 | 0/0 (-) | 0/0 | 0 | 0 |');
  });

  it('exits 2 on an unknown argument or an invalid pack', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(reportMain(['--report', '--lang', 'de'])).toBe(2);
      writeFileSync(join(dir, 'de', 'pack.yaml'), 'code: DE\nrules: 3\n');
      expect(captureStdout(() => reportMain(['--report', '--jurisdictions', dir])).code).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/unknown argument --lang[\s\S]*invalid pack/);
    } finally {
      stderr.mockRestore();
    }
  });
});
