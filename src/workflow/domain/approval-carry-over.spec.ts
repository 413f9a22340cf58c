import { approvalCarryOver, type CarryOverFacts } from './approval-carry-over';

const facts = (overrides: Partial<CarryOverFacts> = {}): CarryOverFacts => ({
  newTime: new Date('2026-12-20T09:00:00Z'),
  approvedVerdict: 'needs_approval',
  approvedStages: ['compliance', 'principal'],
  newVerdict: 'needs_approval',
  newStages: ['principal', 'compliance'],
  approvals: [
    { stage: 'compliance', expiresAt: new Date('2027-01-02T00:00:00Z') },
    { stage: 'principal', expiresAt: null },
  ],
  preUseFilings: [{ regulator: 'FINRA', earliestPublishAt: new Date('2026-12-18T00:00:00Z') }],
  ...overrides,
});

describe('approvalCarryOver', () => {
  it('keeps the approvals when verdict and stages agree, approvals are valid then and the filing wait is over', () => {
    expect(approvalCarryOver(facts())).toEqual([]);
  });

  it('does not keep what a post without complete approval does not have', () => {
    expect(approvalCarryOver(null)).toEqual([{ code: 'NOT_APPROVED', params: {} }]);
  });

  it('names a changed verdict and changed stages', () => {
    expect(approvalCarryOver(facts({ newVerdict: 'blocked', newStages: ['compliance'] }))).toEqual([
      { code: 'VERDICT_CHANGED', params: { before: 'needs_approval', after: 'blocked' } },
      { code: 'STAGES_CHANGED', params: { before: 'compliance, principal', after: 'compliance' } },
    ]);
  });

  it('names an approval that has expired by the new time (expiry at the very instant counts as expired)', () => {
    expect(approvalCarryOver(facts({ newTime: new Date('2027-01-02T00:00:00Z') }))).toEqual([
      { code: 'APPROVAL_EXPIRES', params: { stage: 'compliance', expiresAt: '2027-01-02T00:00:00.000Z' } },
    ]);
  });

  it('names a pre-use filing whose waiting period would not be over', () => {
    expect(approvalCarryOver(facts({ newTime: new Date('2026-12-17T23:59:59Z') }))).toEqual([
      { code: 'FILING_WINDOW', params: { regulator: 'FINRA', earliestPublishAt: '2026-12-18T00:00:00.000Z' } },
    ]);
  });
});
