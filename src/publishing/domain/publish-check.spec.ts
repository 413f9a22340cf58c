import type { Evaluation } from '@preclear/rules-engine';
import { checkBeforePublishing, type PublishCheckInput } from './publish-check';

const H = 'sha256:aaa';
const clear: Evaluation = {
  verdict: 'clear',
  evaluatedAt: '2026-12-01T09:00:00.000Z',
  publishAt: '2026-12-01T09:00:00.000Z',
  packVersions: { DE: 'sha256:pack' },
  jurisdictions: [],
  requiredStages: [],
  retention: { years: 5 },
};

function input(overrides: Partial<PublishCheckInput> = {}): PublishCheckInput {
  return {
    now: new Date('2026-12-01T09:00:05Z'),
    dueAt: new Date('2026-12-01T09:00:00Z'),
    missedAfterMinutes: 60,
    stop: null,
    hashes: { revision: H, recomputed: H, postRow: H, postCopy: H, approved: [H, H] },
    clearance: { blockers: [], expiredStages: [] },
    evaluate: () => clear,
    ...overrides,
  };
}

describe('checkBeforePublishing', () => {
  it('passes a post that is due, unrestricted, unchanged, approved and clear', () => {
    expect(checkBeforePublishing(input())).toEqual({ ok: true, evaluation: clear });
  });

  it('marks a post missed when it is more than the allowed minutes late, before anything else', () => {
    const result = checkBeforePublishing(
      input({ now: new Date('2026-12-01T10:30:00Z'), stop: { code: 'paused', messageKey: 'k' } }),
    );
    expect(result).toMatchObject({ ok: false, event: 'miss', reason: { code: 'missed', minutesLate: 90 } });
  });

  it('holds with the pause or blackout it was given', () => {
    expect(checkBeforePublishing(input({ stop: { code: 'paused', messageKey: 'k', pauseId: 'p1' } }))).toMatchObject({
      ok: false,
      event: 'hold',
      reason: { pauseId: 'p1' },
    });
  });

  it('refuses text that does not hash to what was approved', () => {
    const result = checkBeforePublishing(
      input({ hashes: { revision: H, recomputed: 'sha256:bbb', postRow: H, postCopy: H, approved: [H] } }),
    );
    expect(result).toMatchObject({
      ok: false,
      event: 'hold',
      reason: { code: 'content_mismatch', expected: H, found: { recomputed: 'sha256:bbb' } },
    });
    const signedOther = checkBeforePublishing(
      input({ hashes: { revision: H, recomputed: H, postRow: H, postCopy: H, approved: ['sha256:old'] } }),
    );
    expect(signedOther).toMatchObject({
      ok: false,
      reason: { code: 'content_mismatch', found: { approved: 'sha256:old' } },
    });
  });

  it('holds when the workflow found an approval expired, or anything else it does not clear', () => {
    const expired = {
      code: 'APPROVAL_EXPIRED',
      messageKey: 'workflow:errors.approvalExpired',
      params: { stages: 'principal' },
    };
    const result = checkBeforePublishing(input({ clearance: { blockers: [expired], expiredStages: ['principal'] } }));
    expect(result).toMatchObject({
      ok: false,
      event: 'hold',
      reason: { code: 'approval_expired', stages: ['principal'] },
    });
    const pending = {
      code: 'FILING_PENDING',
      messageKey: 'workflow:errors.filingPending',
      params: { regulator: 'FINRA' },
    };
    const notCleared = checkBeforePublishing(input({ clearance: { blockers: [pending], expiredStages: [] } }));
    expect(notCleared).toMatchObject({
      ok: false,
      event: 'hold',
      reason: { code: 'not_cleared', blockers: [{ code: 'FILING_PENDING' }] },
    });
  });

  it('holds on a blocking or fix finding of the packs in force now, not on approval or info findings', () => {
    const finding = {
      ruleId: 'DE-1',
      kind: 'missing_disclosure',
      severity: 'fix',
      verification: 'V',
      channel: null,
      messageKey: 'DE:x',
      messageParams: {},
      citation: { source: 'x' },
      evidence: null,
      fix: null,
    } as const;
    const withFinding = (severity: 'fix' | 'approval'): Evaluation => ({
      ...clear,
      verdict: severity === 'fix' ? 'needs_changes' : 'needs_approval',
      jurisdictions: [
        {
          jurisdiction: 'DE',
          verdict: 'clear',
          findings: [{ ...finding, severity }],
          requiredStages: [],
          filing: null,
          retention: { years: 5 },
          approvalValidityDays: 30,
        },
      ],
    });
    expect(checkBeforePublishing(input({ evaluate: () => withFinding('fix') }))).toMatchObject({
      ok: false,
      event: 'hold',
      reason: { code: 'compliance', findings: [{ jurisdiction: 'DE', ruleId: 'DE-1', severity: 'fix' }] },
    });
    expect(checkBeforePublishing(input({ evaluate: () => withFinding('approval') }))).toMatchObject({ ok: true });
  });
});
