import type { Evaluation, Finding } from '@preclear/rules-engine';
import { isMissed, minutesLate } from '../../scheduling/domain/due';
import { missedReason, type StatusReason } from '../../scheduling/domain/hold-reasons';

/** The hashes that must all agree before anything goes out. */
export interface ContentHashes {
  /** Stored with the revision when it was written. */
  revision: string;
  /** Re-computed now from the revision's content: what will actually be sent. */
  recomputed: string;
  /** The post row's current hash and the hash of its copied content. */
  postRow: string;
  postCopy: string;
  /** The hashes the live approvals of this revision were signed on. */
  approved: readonly string[];
}

/** The workflow's verdict at this instant (PublicationClearanceService.forPublishing), which also judges expiry. */
export interface ClearanceVerdict {
  blockers: readonly { code: string; messageKey: string; params: Record<string, unknown> }[];
  expiredStages: readonly string[];
}

export interface PublishCheckInput {
  now: Date;
  dueAt: Date;
  missedAfterMinutes: number;
  /** A pause or blackout in force for this post now, as the reason to record. */
  stop: StatusReason | null;
  hashes: ContentHashes;
  clearance: ClearanceVerdict;
  /** Evaluates the revision against the packs in force now; called only when everything else passed. */
  evaluate: () => Evaluation;
}

export type PublishCheck =
  | { ok: true; evaluation: Evaluation }
  | { ok: false; event: 'miss' | 'hold'; reason: StatusReason };

/** Severities that would have refused the submission: text that is not compliant as it stands. */
const BLOCKING: readonly Finding['severity'][] = ['block', 'fix'];

/**
 * The last look before a claimed post goes out, in order: too late (missed); stopped by a
 * pause or blackout (held); the text to send is not byte for byte what was approved (held);
 * an approval expired, or anything else the workflow does not clear (held); the packs in
 * force now find something blocking (held).
 */
export function checkBeforePublishing(input: PublishCheckInput): PublishCheck {
  if (isMissed(input.dueAt, input.now, input.missedAfterMinutes)) {
    return { ok: false, event: 'miss', reason: missedReason(input.dueAt, minutesLate(input.dueAt, input.now)) };
  }
  if (input.stop) return { ok: false, event: 'hold', reason: input.stop };
  const mismatch = hashMismatch(input.hashes);
  if (mismatch) return { ok: false, event: 'hold', reason: mismatch };
  const { expiredStages, blockers } = input.clearance;
  if (expiredStages.length > 0) {
    return {
      ok: false,
      event: 'hold',
      reason: {
        code: 'approval_expired',
        messageKey: 'publishing:reasons.approvalExpired',
        stages: [...expiredStages],
      },
    };
  }
  if (blockers.length > 0) {
    return {
      ok: false,
      event: 'hold',
      reason: { code: 'not_cleared', messageKey: 'publishing:reasons.notCleared', blockers: [...blockers] },
    };
  }
  const evaluation = input.evaluate();
  const findings = evaluation.jurisdictions.flatMap((j) =>
    j.findings.filter((f) => BLOCKING.includes(f.severity)).map((f) => ({ jurisdiction: j.jurisdiction, ...f })),
  );
  if (findings.length > 0) {
    return {
      ok: false,
      event: 'hold',
      reason: {
        code: 'compliance',
        messageKey: 'publishing:reasons.compliance',
        verdict: evaluation.verdict,
        evaluatedAt: evaluation.evaluatedAt,
        packVersions: evaluation.packVersions,
        findings: findings.map((f) => ({
          jurisdiction: f.jurisdiction,
          ruleId: f.ruleId,
          kind: f.kind,
          severity: f.severity,
          messageKey: f.messageKey,
          messageParams: f.messageParams,
          citation: f.citation,
        })),
      },
    };
  }
  return { ok: true, evaluation };
}

function hashMismatch(h: ContentHashes): StatusReason | null {
  const disagreeing: Record<string, string> = {};
  if (h.recomputed !== h.revision) disagreeing.recomputed = h.recomputed;
  if (h.postRow !== h.revision) disagreeing.postRow = h.postRow;
  if (h.postCopy !== h.revision) disagreeing.postCopy = h.postCopy;
  const signed = h.approved.filter((hash) => hash !== h.revision);
  if (signed.length > 0) disagreeing.approved = signed.join(',');
  if (Object.keys(disagreeing).length === 0) return null;
  return {
    code: 'content_mismatch',
    messageKey: 'publishing:reasons.contentMismatch',
    expected: h.revision,
    found: disagreeing,
  };
}
