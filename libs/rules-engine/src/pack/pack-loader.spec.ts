import { writeFileSync } from 'fs';
import { join } from 'path';
import { PackValidationError } from '../errors';
import { PII_MESSAGES, PII_RULE, testPack, writeTempPacks } from '../testing/temp-packs';
import { loadPacks } from './pack-loader';

const RULE = (check: string, extra = ''): string => `
  - id: XX-RULE-1
    title: A rule
    severity: fix
    finding: missing_disclosure
    verification: V
    citation: { source: Test Act, article: s1 }
    messageKey: rule.one
${extra}
    check:
${check}`;
const DISCLOSURE = `      kind: requires-disclosure
      args: { text: 'Read the terms' }`;
const MESSAGES = { rule: { one: 'Add {{text}}' } };

function loadError(packs: Parameters<typeof writeTempPacks>[0]): PackValidationError {
  try {
    loadPacks(writeTempPacks(packs));
  } catch (error) {
    if (error instanceof PackValidationError) return error;
    throw error;
  }
  throw new Error('expected the packs to be rejected');
}

describe(loadPacks.name, () => {
  it('loads a valid pack and versions it by content', () => {
    const dir = writeTempPacks(testPack(RULE(DISCLOSURE), MESSAGES));
    const first = loadPacks(dir).byCode.get('XX');
    expect(first?.ruleCount).toBe(2);
    expect(first?.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Changing only a locale file changes the version: messages are part of what was approved.
    writeFileSync(
      join(dir, 'xx', 'locales', 'en.json'),
      JSON.stringify({ ...PII_MESSAGES, rule: { one: 'Please add {{text}}' } }),
    );
    expect(loadPacks(dir).byCode.get('XX')?.version).not.toBe(first?.version);
  });

  it('names file, rule and problem for an unknown check kind', () => {
    const error = loadError(testPack(RULE('      kind: requires-magic'), MESSAGES));
    expect(error.message).toMatch(/xx\/pack\.yaml \(rule XX-RULE-1\): unknown check kind 'requires-magic'/);
  });

  it('rejects unknown arguments', () => {
    const error = loadError(
      testPack(RULE(`      kind: requires-disclosure\n      args: { txt: 'Read the terms' }`), MESSAGES),
    );
    expect(error.message).toMatch(/\(rule XX-RULE-1\): check\.args\.txt: unknown key/);
  });

  it('rejects a bad regular expression with its argument path', () => {
    const error = loadError(
      testPack(
        RULE(`      kind: prohibited-claim\n      args: { patterns: { en: ['(unclosed'] } }`).replace(
          'missing_disclosure',
          'prohibited_claim',
        ),
        {
          rule: { one: 'x {{claim}}' },
        },
      ),
    );
    expect(error.message).toMatch(/\(rule XX-RULE-1\): check\.args\.patterns\.en\[0\]: bad regular expression/);
  });

  it('rejects a rule without citation', () => {
    const error = loadError(
      testPack(RULE(DISCLOSURE).replace('    citation: { source: Test Act, article: s1 }\n', ''), MESSAGES),
    );
    expect(error.message).toMatch(/\(rule XX-RULE-1\): rules\[1\]\.citation: missing citation/);
  });

  it('rejects a message key missing from a locale', () => {
    const error = loadError(testPack(RULE(DISCLOSURE), {}));
    expect(error.message).toMatch(/xx\/locales\/en\.json \(rule XX-RULE-1\): missing message key 'rule\.one'/);
  });

  it('rejects a message using a parameter the check does not supply', () => {
    const error = loadError(testPack(RULE(DISCLOSURE), { rule: { one: 'Add {{wording}}' } }));
    expect(error.message).toMatch(/uses \{\{wording\}\}, which check kind requires-disclosure does not supply/);
  });

  it('rejects an impossible date and an empty period', () => {
    expect(loadError(testPack(RULE(DISCLOSURE, "    effectiveFrom: '2026-02-30'"), MESSAGES)).message).toMatch(
      /effectiveFrom: bad date/,
    );
    expect(
      loadError(
        testPack(RULE(DISCLOSURE, "    effectiveFrom: '2026-11-20'\n    effectiveUntil: '2026-11-20'"), MESSAGES),
      ).message,
    ).toMatch(/effectiveUntil 2026-11-20 is not after effectiveFrom 2026-11-20/);
  });

  it('rejects two versions of a rule with overlapping periods', () => {
    const twice =
      RULE(DISCLOSURE, "    effectiveUntil: '2026-12-01'") + RULE(DISCLOSURE, "    effectiveFrom: '2026-11-20'");
    expect(loadError(testPack(twice, MESSAGES)).message).toMatch(
      /\(rule XX-RULE-1\): is defined more than once with overlapping/,
    );
  });

  it('rejects an unknown extends', () => {
    const packs = testPack(RULE(DISCLOSURE), MESSAGES);
    packs.xx.yaml = packs.xx.yaml.replace('name: Test', 'name: Test\nextends: ZZ');
    expect(loadError(packs).message).toMatch(/unknown extends 'ZZ'/);
  });

  it('requires a personal-data rule in every jurisdiction pack', () => {
    const packs = testPack(RULE(DISCLOSURE), MESSAGES);
    packs.xx.yaml = packs.xx.yaml.replace(PII_RULE, '');
    expect(loadError(packs).message).toMatch(/must apply a personal-data rule/);
  });

  it('rejects an unknown profile fact and an unknown stage', () => {
    const profile = RULE(DISCLOSURE, '    appliesTo:\n      profile:\n        - { fact: licensed, equals: true }');
    expect(loadError(testPack(profile, MESSAGES)).message).toMatch(/unknown profile fact 'licensed'/);
    const stage = `
  - id: XX-STAGE
    title: Legal
    severity: approval
    finding: approval_required
    verification: S
    citation: { source: Test }
    messageKey: stage
    check: { kind: requires-stage, args: { stage: legal } }`;
    expect(loadError(testPack(stage, { stage: 'x' })).message).toMatch(/unknown stage 'legal'/);
  });

  it('requires the en locale and one per pack language', () => {
    const packs = testPack(RULE(DISCLOSURE), MESSAGES);
    packs.xx.yaml = packs.xx.yaml.replace('languages: [en]', 'languages: [en, de]');
    expect(loadError(packs).message).toMatch(/missing locale file locales\/de\.json/);
  });

  it('inherits parent rules, lets a child replace one, and includes the parent in the child version', () => {
    const parent = testPack(RULE(DISCLOSURE), MESSAGES).xx;
    const child = {
      yaml: `code: YY
name: Child
extends: XX
languages: [en]
rules:
  - id: YY-RULE-1
    title: National version
    severity: fix
    finding: missing_disclosure
    verification: V
    replaces: [XX-RULE-1]
    citation: { source: National Act }
    messageKey: national
    check: { kind: requires-disclosure, args: { text: 'Read the national terms' } }
`,
      locales: { en: { national: 'Add {{text}}' } },
    };
    const dir = writeTempPacks({ xx: parent, yy: child });
    const packs = loadPacks(dir);
    const detail = packs.byCode.get('YY')?.detail;
    expect(detail?.rules.map((r) => [r.id, r.inheritedFrom ?? null])).toEqual([
      ['XX-PII', 'XX'],
      ['YY-RULE-1', null],
    ]);
    const before = packs.byCode.get('YY')?.version;
    writeFileSync(
      join(dir, 'xx', 'locales', 'en.json'),
      JSON.stringify({ ...PII_MESSAGES, rule: { one: 'Now add {{text}}' } }),
    );
    expect(loadPacks(dir).byCode.get('YY')?.version).not.toBe(before);
  });
});
