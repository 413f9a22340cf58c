import type { Evaluation, Finding } from '@preclear/rules-engine';
import { findPhrase, foldForMatching, foldPhrase } from './phrase-matcher';
import { applyWorkspaceOverrides, overridesVersion, type WorkspaceOverride } from './workspace-overrides';

const finding = (ruleId: string, severity: Finding['severity']): Finding => ({
  ruleId,
  kind: 'missing_label',
  severity,
  verification: 'V',
  channel: null,
  messageKey: `DE:${ruleId}`,
  messageParams: {},
  citation: { source: 'test' },
  evidence: null,
  fix: null,
});

const evaluation = (findings: Finding[]): Evaluation => ({
  verdict: findings.some((f) => f.severity === 'fix') ? 'needs_changes' : 'clear',
  evaluatedAt: '2026-12-01T00:00:00.000Z',
  publishAt: '2026-12-01T00:00:00.000Z',
  packVersions: { DE: 'sha256:de' },
  jurisdictions: [
    {
      jurisdiction: 'DE',
      verdict: findings.some((f) => f.severity === 'fix') ? 'needs_changes' : 'clear',
      findings,
      requiredStages: [],
      filing: null,
      retention: { years: 6 },
      approvalValidityDays: 30,
    },
  ],
  requiredStages: [],
  retention: { years: 6 },
});

const override = (fields: Partial<WorkspaceOverride>): WorkspaceOverride => ({
  id: 'o1',
  version: 1,
  kind: 'term',
  language: null,
  phrase: null,
  foldedPhrase: null,
  severity: null,
  message: null,
  ruleId: null,
  productCategory: null,
  stage: null,
  effectiveFrom: '2026-01-01',
  effectiveUntil: null,
  ...fields,
});

const context = { stageRoles: new Map([['compliance', 'reviewer']]), stageOrder: ['legal', 'compliance', 'principal'] };
const facts = { body: 'Gratis Kredit', locale: 'de-DE', productCategory: 'consumer_credit' as const };

describe('applyWorkspaceOverrides', () => {
  it('returns the evaluation untouched when no override is in force', () => {
    const base = evaluation([finding('DE-A', 'fix')]);
    expect(
      applyWorkspaceOverrides(
        base,
        facts,
        [override({ kind: 'rule', ruleId: 'DE-A', severity: 'block', effectiveFrom: '2027-01-01' })],
        context,
      ),
    ).toBe(base);
  });

  it('never removes a finding nor lowers a severity, whatever the overrides say', () => {
    const base = evaluation([finding('DE-A', 'fix'), finding('DE-B', 'info')]);
    const out = applyWorkspaceOverrides(
      base,
      facts,
      [
        override({ id: 'a', kind: 'rule', ruleId: 'DE-A', severity: 'approval' }),
        override({ id: 'b', kind: 'rule', ruleId: 'DE-B', severity: 'block' }),
      ],
      context,
    );
    const [a, b] = out.jurisdictions[0].findings;
    expect(a).toEqual(finding('DE-A', 'fix'));
    expect(b).toMatchObject({ severity: 'block', raisedFrom: 'info' });
    expect(out.verdict).toBe('blocked');
    expect(out.packVersions).toEqual({ DE: 'sha256:de', WORKSPACE: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it('adds a term finding and its stage under WORKSPACE', () => {
    const term = override({
      language: 'de',
      phrase: 'gratis',
      foldedPhrase: 'gratis',
      severity: 'approval',
      message: 'm',
      stage: 'compliance',
    });
    const out = applyWorkspaceOverrides(evaluation([]), facts, [term], context);
    expect(out.jurisdictions[1]).toMatchObject({
      jurisdiction: 'WORKSPACE',
      verdict: 'needs_approval',
      requiredStages: [{ stage: 'compliance', role: 'reviewer' }],
    });
    expect(out.requiredStages).toEqual([{ stage: 'compliance', role: 'reviewer', ruleIds: ['WORKSPACE:o1'] }]);
  });

  it('versions the set by content: any change of a field that judges gives another version', () => {
    const a = override({ phrase: 'x', foldedPhrase: 'xx' });
    expect(overridesVersion([a])).toBe(overridesVersion([{ ...a }]));
    expect(overridesVersion([a])).not.toBe(overridesVersion([{ ...a, severity: 'block' }]));
  });
});

describe('phrase matching', () => {
  it('folds case, diacritics, typographic variants and spaces, and maps evidence back to the original', () => {
    const body = 'Der „Zinsgarantie“ ist  GARANTIERT – Straße';
    const folded = foldForMatching(body);
    expect(findPhrase(body, folded, foldPhrase('garantiert - strasse'))).toEqual({
      start: 24,
      end: 43,
      text: 'GARANTIERT – Straße',
    });
    expect(findPhrase(body, folded, foldPhrase('"zinsgarantie"'))).toMatchObject({ text: '„Zinsgarantie“' });
    expect(findPhrase(body, folded, foldPhrase('garantie'))).toBeNull();
  });
});
