import { PackValidationError } from '../errors';
import { MAX_BODY_LENGTH } from '../limits';
import { loadPacks } from '../pack/pack-loader';
import { testPack, writeTempPacks } from '../testing/temp-packs';
import { adversarialTexts, assertWithinBudget, PATTERN_BUDGET_MS } from './pattern-budget';

const claimRule = (pattern: string): string => `
  - id: XX-CLAIM
    title: A claim
    severity: block
    finding: prohibited_claim
    verification: V
    citation: { source: Test Act }
    messageKey: claim
    check:
      kind: prohibited-claim
      args: { patterns: { en: ['${pattern}'] } }
`;

describe('pattern CPU budget', () => {
  it('builds adversarial texts of the maximum body length, including the pattern words', () => {
    const texts = adversarialTexts('\\bguaranteed (?:returns?|profits?)\\b');
    expect(texts.map((t) => t.name)).toEqual(
      expect.arrayContaining(['a digit run', 'digits with dots', 'repeated words', 'spaces']),
    );
    for (const { text } of texts) expect(text).toHaveLength(MAX_BODY_LENGTH);
    expect(texts.find((t) => t.name === "the pattern's own words repeated")?.text).toContain('guaranteed');
  });

  it('refuses a pack whose pattern backtracks quadratically on a digit run, naming pack, rule and pattern', () => {
    // An unanchored \d+ before a suffix that never comes: every start position rescans the run.
    const bad = '\\d+(?:[.,]\\d+)?\\s?%\\s+returns';
    let error: unknown;
    try {
      loadPacks(writeTempPacks(testPack(claimRule(bad), { claim: 'x' })));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackValidationError);
    const message = (error as PackValidationError).message;
    expect(message).toContain('xx/pack.yaml (rule XX-CLAIM): check.args.patterns.en[0]');
    expect(message).toContain(`/${bad}/`);
    expect(message).toContain(`budget ${PATTERN_BUDGET_MS} ms`);
  });

  it('accepts the same pattern once it is anchored and bounded', () => {
    const good = '(?<![\\d.,])\\d{1,9}(?:[.,]\\d{1,9})?\\s?%\\s+returns';
    expect(() => loadPacks(writeTempPacks(testPack(claimRule(good), { claim: 'x' })))).not.toThrow();
  });

  it('refuses an exponential pattern on a short probe instead of hanging', () => {
    expect(() => assertWithinBudget(/x/giu, 'x', 'p')).not.toThrow();
    expect(() => assertWithinBudget(/(?:a+)+b/giu, '(?:a+)+b', 'patterns[0].unless')).toThrow(
      /patterns\[0\]\.unless: regular expression .* of 20 characters/,
    );
  });
});
