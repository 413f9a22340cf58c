/**
 * Issue 12.1: a suggested fix must fix. Every fix of every finding of every example post is
 * applied as the app applies it (append on a new line, prepend on its own first line), then
 * the post is evaluated again: the finding must be gone, and no `fix` or `block` finding that
 * was not there before may appear. All fixes applied together must leave no fix finding.
 */
import { Finding, Fix, PostFacts } from '@preclear/rules-engine';
import { engine, exampleFiles, packFolders, readExample, toFacts } from './example-posts';

function applyFix(body: string, fix: Fix): string {
  let out = body;
  if (fix.prepend !== undefined) out = `${fix.prepend}\n${out}`;
  if (fix.append !== undefined) out = `${out}\n${fix.append}`;
  return out;
}

const key = (jurisdiction: string, f: Finding): string => `${jurisdiction} ${f.ruleId} ${f.kind} ${f.channel ?? '-'}`;

function strictFindings(facts: PostFacts, now: Date): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const j of engine.evaluate(facts, now).jurisdictions) {
    for (const f of j.findings) if (f.severity === 'block' || f.severity === 'fix') out.set(key(j.jurisdiction, f), f);
  }
  return out;
}

function allFindings(facts: PostFacts, now: Date): { jurisdiction: string; finding: Finding }[] {
  return engine
    .evaluate(facts, now)
    .jurisdictions.flatMap((j) => j.findings.map((finding) => ({ jurisdiction: j.jurisdiction, finding })));
}

describe('suggested fixes fix', () => {
  for (const folder of packFolders) {
    const { code, dir, files } = exampleFiles(folder);
    describe(code, () => {
      for (const file of files) {
        const example = readExample(dir, file);
        const now = new Date(example.now ?? '2026-06-01T09:00:00Z');
        const facts = toFacts(code, example.post);
        const fixable = allFindings(facts, now).filter(({ finding }) => finding.fix !== null);
        if (fixable.length === 0) continue;

        it(`${file}: each fix removes its finding and adds no fix or block`, () => {
          const before = strictFindings(facts, now);
          for (const { jurisdiction, finding } of fixable) {
            const fixed = { ...facts, body: applyFix(facts.body, finding.fix as Fix) };
            const after = allFindings(fixed, now);
            const label = `${key(jurisdiction, finding)} with ${JSON.stringify(finding.fix)}`;
            expect({
              fix: label,
              remaining: after.filter(
                (a) => a.jurisdiction === jurisdiction && key(a.jurisdiction, a.finding) === key(jurisdiction, finding),
              ).length,
            }).toEqual({
              fix: label,
              remaining: 0,
            });
            const added = [...strictFindings(fixed, now).keys()].filter((k) => !before.has(k));
            expect({ fix: label, added }).toEqual({ fix: label, added: [] });
          }
        });

        it(`${file}: all fixes together leave no fix finding`, () => {
          let body = facts.body;
          const applied = new Set<string>();
          for (const { finding } of fixable) {
            const text = JSON.stringify(finding.fix);
            if (applied.has(text)) continue;
            applied.add(text);
            body = applyFix(body, finding.fix as Fix);
          }
          const left = [...strictFindings({ ...facts, body }, now).values()]
            .filter((f) => f.severity === 'fix' && f.fix !== null)
            .map((f) => f.ruleId);
          expect(left).toEqual([]);
        });
      }
    });
  }

  it('NL: the AFM warning is proposed on top, where the rule wants it', () => {
    const facts: PostFacts = {
      ...toFacts('NL', {
        body: 'Persoonlijke lening van € 10.000 tegen 6,9% JKP.',
        locale: 'nl-NL',
        productCategory: 'consumer_credit',
      }),
    };
    const finding = allFindings(facts, new Date('2026-06-01T09:00:00Z')).find(
      (f) => f.finding.ruleId === 'NL-AFM-LENEN-KOST-GELD',
    );
    expect(finding?.finding.fix).toEqual({ prepend: 'Let op! Geld lenen kost geld' });
  });
});
