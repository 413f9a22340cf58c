import type { Filing } from '../entities/filing.entity';
import type { ReviewDecision } from '../entities/review-decision.entity';
import type { ReviewStage } from '../entities/review-stage.entity';
import type { Submission } from '../entities/submission.entity';
import type { TransitionRefusal } from '../post-transitions.service';
import { isExpired } from './approval-validity';

/** What the workflow recorded about one revision of a post. */
export interface ClearanceRecords {
  /** The newest submission of the post's current revision, if any. */
  submission: Submission | null;
  /** The stages of that submission's round. */
  stages: readonly ReviewStage[];
  /** Every signature on those stages. */
  signatures: readonly ReviewDecision[];
  /** The live filings of the current revision. */
  filings: readonly Filing[];
}

/** The stages whose live approval has expired at `at`: the one place approval expiry is judged. */
export function expiredStages(records: Pick<ClearanceRecords, 'signatures'>, at: Date): string[] {
  return records.signatures
    .filter((d) => d.voidedAt === null && d.decision === 'approve' && isExpired(d.expiresAt, at))
    .map((d) => d.stage);
}

/**
 * Everything that keeps a post off the schedule at `at`; empty when it is clear: the current
 * revision was submitted, every stage of that round is approved and no approval has expired,
 * and every pre-use filing is recorded with a waiting period that ends by the scheduled time.
 */
export function clearanceBlockers(
  post: { revision: number; scheduledAt: Date | null },
  records: ClearanceRecords,
  at: Date,
): TransitionRefusal[] {
  if (!records.submission) {
    return [{ code: 'NOT_SUBMITTED', messageKey: 'workflow:errors.notSubmitted', params: { revision: post.revision } }];
  }
  const blockers: TransitionRefusal[] = [];
  const unapproved = records.stages.filter((s) => s.status !== 'approved').map((s) => s.stage);
  if (unapproved.length > 0) {
    blockers.push({
      code: 'APPROVALS_INCOMPLETE',
      messageKey: 'workflow:errors.approvalsIncomplete',
      params: { stages: unapproved.join(', ') },
    });
  }
  const expired = expiredStages(records, at);
  if (expired.length > 0) {
    blockers.push({
      code: 'APPROVAL_EXPIRED',
      messageKey: 'workflow:errors.approvalExpired',
      params: { stages: expired.join(', ') },
    });
  }
  for (const filing of records.filings) {
    if (filing.timing !== 'pre') continue;
    if (filing.status === 'pending') {
      blockers.push({
        code: 'FILING_PENDING',
        messageKey: 'workflow:errors.filingPending',
        params: { regulator: filing.regulator },
      });
    } else if (filing.earliestPublishAt && post.scheduledAt && post.scheduledAt < filing.earliestPublishAt) {
      blockers.push({
        code: 'BEFORE_EARLIEST_PUBLISH',
        messageKey: 'workflow:errors.beforeEarliestPublish',
        params: {
          regulator: filing.regulator,
          earliestPublishAt: filing.earliestPublishAt.toISOString(),
          scheduledAt: post.scheduledAt.toISOString(),
        },
      });
    }
  }
  return blockers;
}
