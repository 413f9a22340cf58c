import { isExpired } from './approval-validity';

/** Why a new time voids a post's content approvals. */
export type CarryOverReasonCode =
  | 'NOT_APPROVED'
  | 'VERDICT_CHANGED'
  | 'STAGES_CHANGED'
  | 'APPROVAL_EXPIRES'
  | 'FILING_WINDOW';

export interface CarryOverReason {
  code: CarryOverReasonCode;
  params: Record<string, string>;
}

/** What the approvals were given on, and what the packs in force at the new time say. */
export interface CarryOverFacts {
  /** The new publishing instant. */
  newTime: Date;
  approvedVerdict: string;
  approvedStages: readonly string[];
  newVerdict: string;
  newStages: readonly string[];
  /** Live approvals with their expiry. */
  approvals: readonly { stage: string; expiresAt: Date | null }[];
  /** Pre-use filings of the revision: when the post may go out at the earliest (for a pending one: if filed now). */
  preUseFilings: readonly { regulator: string; earliestPublishAt: Date }[];
}

/**
 * Whether the content approvals of a post survive a change of its time alone. They do when the
 * packs in force at the new time give the same verdict and the same stages (so the reviewers
 * signed what the rules would ask for then), every approval is still valid at the new time, and
 * each pre-use filing's waiting period ends by then. Empty: keep them; otherwise every reason.
 * `null` stands for a post without complete approval.
 */
export function approvalCarryOver(facts: CarryOverFacts | null): CarryOverReason[] {
  // null: the post is not approved (nor scheduled), so there is no complete approval to keep.
  if (facts === null) return [{ code: 'NOT_APPROVED', params: {} }];
  const reasons: CarryOverReason[] = [];
  if (facts.newVerdict !== facts.approvedVerdict) {
    reasons.push({ code: 'VERDICT_CHANGED', params: { before: facts.approvedVerdict, after: facts.newVerdict } });
  }
  const before = [...new Set(facts.approvedStages)].sort();
  const after = [...new Set(facts.newStages)].sort();
  if (before.join(',') !== after.join(',')) {
    reasons.push({
      code: 'STAGES_CHANGED',
      params: { before: before.join(', ') || '-', after: after.join(', ') || '-' },
    });
  }
  for (const approval of facts.approvals) {
    if (isExpired(approval.expiresAt, facts.newTime)) {
      reasons.push({
        code: 'APPROVAL_EXPIRES',
        params: { stage: approval.stage, expiresAt: approval.expiresAt!.toISOString() },
      });
    }
  }
  for (const filing of facts.preUseFilings) {
    if (facts.newTime < filing.earliestPublishAt) {
      reasons.push({
        code: 'FILING_WINDOW',
        params: { regulator: filing.regulator, earliestPublishAt: filing.earliestPublishAt.toISOString() },
      });
    }
  }
  return reasons;
}
