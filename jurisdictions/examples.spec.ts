/**
 * Every pack's example posts, written as a compliance officer of that market would, run
 * against the real packs. Each example names the jurisdiction entry it checks, the verdict
 * and the exact set of non-info findings ("RULE-ID kind severity"); `why` derives them.
 * Compliant examples must also come out with no block or fix finding at all. Each names its
 * `source`: the regulator guidance, published example or enforcement case it was written from.
 */
import { DEFAULT_EXAMPLE_NOW, engine, exampleFiles, packFolders, readExample, toFacts } from './example-posts';

describe('pack examples', () => {
  for (const folder of packFolders) {
    const { code, dir, files } = exampleFiles(folder);

    describe(code, () => {
      it('has at least 20 examples, at least half of them compliant near-misses, each naming its source', () => {
        const examples = files.map((f) => readExample(dir, f));
        expect(examples.length).toBeGreaterThanOrEqual(20);
        expect(examples.filter((e) => e.compliant).length * 2).toBeGreaterThanOrEqual(examples.length);
        expect(
          files.filter((f, i) => typeof examples[i].source !== 'string' || examples[i].source.trim().length < 20),
        ).toEqual([]);
      });

      for (const file of files) {
        const example = readExample(dir, file);
        it(`${file}: ${example.description}`, () => {
          const now = new Date(example.now ?? DEFAULT_EXAMPLE_NOW);
          const evaluation = engine.evaluate(toFacts(code, example.post), now);
          const jurisdiction = example.expect.jurisdiction ?? code;
          const entry = evaluation.jurisdictions.find((j) => j.jurisdiction === jurisdiction);
          if (entry === undefined) throw new Error(`no evaluation for ${jurisdiction}`);

          const actual = entry.findings
            .filter((f) => f.severity !== 'info')
            .map((f) => `${f.ruleId} ${f.kind} ${f.severity}`)
            .sort();
          expect({ verdict: entry.verdict, findings: actual }).toEqual({
            verdict: example.expect.verdict,
            findings: [...example.expect.findings].sort(),
          });
          if (example.compliant) {
            expect(entry.findings.filter((f) => f.severity === 'block' || f.severity === 'fix')).toEqual([]);
          }
          if (example.expect.stages !== undefined) {
            expect(entry.requiredStages.map((s) => s.stage)).toEqual(example.expect.stages);
          }
          if (example.expect.filing !== undefined) {
            expect(
              entry.filing === null
                ? null
                : {
                    regulator: entry.filing.regulator,
                    when: entry.filing.when,
                    businessDays: entry.filing.businessDays,
                    ...('earliestPublishAt' in (example.expect.filing ?? {})
                      ? { earliestPublishAt: entry.filing.earliestPublishAt }
                      : {}),
                  },
            ).toEqual(example.expect.filing);
          }
          if (example.expect.retentionYears !== undefined) {
            expect(entry.retention.years).toBe(example.expect.retentionYears);
          }
          if (example.expect.overall !== undefined) expect(evaluation.verdict).toBe(example.expect.overall);
        });
      }
    });
  }
});
