import type { PackDetail, RuleDetail } from '@preclear/rules-engine';
import { boundariesBetween, boundariesOn, changedPacks, ruleBoundaries, verdictWorsened } from './rule-changes';

const rule = (
  id: string,
  effectiveFrom: string | null,
  effectiveUntil: string | null,
  extra: Partial<RuleDetail> = {},
): RuleDetail => ({
  id,
  title: id,
  severity: 'fix',
  effectiveSeverity: 'fix',
  finding: 'missing_disclosure',
  verification: 'V',
  status: 'active',
  check: { kind: 'requires-disclosure', args: {} },
  appliesTo: {},
  citation: { source: 'test' },
  effectiveFrom,
  effectiveUntil,
  messageKey: 'k',
  replaces: [],
  ...extra,
});

const pack = (code: string, timeZone: string, rules: RuleDetail[]): PackDetail =>
  ({
    code,
    name: code,
    version: 'v',
    languages: [],
    scope: 'jurisdiction',
    timeZone,
    approvalValidityDays: 30,
    defaultRetentionYears: 5,
    stages: [],
    profileFacts: {},
    ruleCount: rules.length,
    rules,
  }) as PackDetail;

describe('rule changes', () => {
  const packs = [
    pack('EU', 'Europe/Brussels', [rule('EU-A', '2026-11-20', null)]),
    pack('DE', 'Europe/Berlin', [
      rule('EU-A', '2026-11-20', null, { inheritedFrom: 'EU' }),
      rule('DE-B', null, '2026-11-20'),
      rule('DE-DRAFT', '2026-11-20', null, { status: 'draft' }),
    ]),
    pack('US', 'America/New_York', [rule('US-C', '2026-11-20', null)]),
  ];

  it('lists each start and end once, under the defining pack, at midnight of the pack time zone', () => {
    const all = ruleBoundaries(packs);
    expect(all.map((b) => [b.jurisdiction, b.ruleId, b.change, b.at.toISOString()])).toEqual([
      ['DE', 'DE-B', 'ends', '2026-11-19T23:00:00.000Z'],
      ['EU', 'EU-A', 'takes_effect', '2026-11-19T23:00:00.000Z'],
      ['US', 'US-C', 'takes_effect', '2026-11-20T05:00:00.000Z'],
    ]);
    expect(boundariesOn(all, '2026-11-20')).toHaveLength(3);
    expect(boundariesOn(all, '2026-11-19')).toHaveLength(0);
    expect(
      boundariesBetween(all, Date.parse('2026-11-19T23:00:00Z'), Date.parse('2026-11-20T06:00:00Z')).map(
        (b) => b.ruleId,
      ),
    ).toEqual(['US-C']);
  });

  it('tells a worse verdict and a changed pack', () => {
    expect(verdictWorsened('clear', 'needs_approval')).toBe(true);
    expect(verdictWorsened('blocked', 'needs_changes')).toBe(false);
    expect(verdictWorsened('clear', 'clear')).toBe(false);
    expect(changedPacks(new Map(), [{ code: 'DE', version: 'a' }])).toEqual([]);
    expect(
      changedPacks(new Map([['DE', 'a']]), [
        { code: 'DE', version: 'b' },
        { code: 'FR', version: 'c' },
      ]),
    ).toEqual([
      { code: 'DE', from: 'a', to: 'b' },
      { code: 'FR', from: null, to: 'c' },
    ]);
  });
});
