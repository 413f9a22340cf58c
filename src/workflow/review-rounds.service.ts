import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Post } from '../calendar/entities/post.entity';
import type { Actor } from '../common/domain/actor';
import type { VoidReason } from './entities/review-stage.entity';
import { PostTransitionsService } from './post-transitions.service';
import { PublicationClearanceService } from './publication-clearance.service';
import { ScheduleGate } from './schedule-gate';
import type { PostEditedPayload } from '../calendar/post-events';
import { Clock } from '../common/clock/clock';

export interface VoidedRecords {
  stages: { stage: string; status: string; revision: number }[];
  signatures: { stage: string; decision: string; decidedBy: string; revision: number }[];
  filings: { regulator: string; timing: string; revision: number }[];
}

/**
 * The life of a review round: approvals bind to one revision, so a new revision voids the
 * earlier rounds; a new submission supersedes the previous round of the same revision; a
 * refusal, a withdrawal or a missed deadline closes the stages still open. Nothing is
 * deleted: rows are marked void with the reason, and the audit trail says what was voided.
 */
@Injectable()
export class ReviewRoundsService {
  constructor(
    private readonly audit: AuditService,
    private readonly transitions: PostTransitionsService,
    private readonly scheduleGate: ScheduleGate,
    private readonly clearance: PublicationClearanceService,
    private readonly clock: Clock,
  ) {}

  /** PostEdited (subscribed in WorkflowModule): the new revision is written and the post is back in draft. */
  async onEdited(tx: EntityManager, { post, member }: PostEditedPayload): Promise<void> {
    await this.voidEarlierRevisions(tx, post, member.actor);
  }

  /** After an edit: every stage, signature and pending filing of an earlier revision stops counting. */
  async voidEarlierRevisions(tx: EntityManager, post: Post, actor: Actor | string): Promise<VoidedRecords> {
    const voided = await this.voidRecords(tx, post.id, post.revision, 'revised');
    if (voided.stages.length + voided.signatures.length + voided.filings.length > 0) {
      await this.audit.record(
        {
          workspaceId: post.workspaceId,
          actor,
          action: 'workflow.approvals_voided',
          subject: `post:${post.id}`,
          data: { reason: 'revised', revision: post.revision, ...voided },
        },
        tx,
      );
    }
    return voided;
  }

  /** Before a new submission: whatever is left of earlier rounds (this revision's included) stops counting. */
  supersedeEarlierRounds(tx: EntityManager, post: Post): Promise<VoidedRecords> {
    return this.voidRecords(tx, post.id, post.revision + 1, 'superseded');
  }

  /** Closes the stages still open (a refusal, a withdrawal, a missed deadline); returns their names. */
  async closeOpenStages(tx: EntityManager, postId: string, reason: VoidReason): Promise<string[]> {
    const rows = await this.updateReturning<{ stage: string }>(
      tx,
      `UPDATE review_stages SET status = 'void', void_reason = $2, voided_at = $3 WHERE post_id = $1 AND status = 'open' RETURNING stage`,
      [postId, reason, this.clock.now()],
    );
    return rows.map((r) => r.stage);
  }

  /** The last stage is approved (or none was needed): the post is approved and offered to the schedule. */
  async completeRound(tx: EntityManager, post: Post, actor: Actor | string): Promise<void> {
    await this.transitions.apply(tx, post, 'approve', actor);
    await this.offerToSchedule(tx, post, actor);
  }

  /**
   * Hands an approved post to the ScheduleGate once nothing in the workflow holds it back
   * (a pending pre-use filing, a waiting period ending after the scheduled time). This is the
   * one clearance check on the way to the schedule: the gate only decides about its own
   * concerns (blackouts, pauses); until then the post stays `approved`, and recording the
   * filing offers it again.
   */
  async offerToSchedule(tx: EntityManager, post: Post, actor: Actor | string): Promise<void> {
    if (post.status !== 'approved' || post.scheduledAt === null) return;
    if ((await this.clearance.blockers(tx, post)).length > 0) return;
    await this.scheduleGate.placeOnSchedule(tx, post, actor);
  }

  /** Voids the live stages, signatures and pending filings of the post's revisions before `revisionsBefore`. */
  private async voidRecords(
    tx: EntityManager,
    postId: string,
    revisionsBefore: number,
    reason: VoidReason,
  ): Promise<VoidedRecords> {
    const params = [postId, revisionsBefore, reason, this.clock.now()];
    const stages = await this.updateReturning<{ stage: string; status: string; revision: number }>(
      tx,
      `WITH live AS (SELECT id, status FROM review_stages WHERE post_id = $1 AND revision < $2 AND status <> 'void')
       UPDATE review_stages s SET status = 'void', void_reason = $3, voided_at = $4 FROM live WHERE s.id = live.id
       RETURNING s.stage, live.status, s.revision`,
      params,
    );
    const signatures = await this.updateReturning<{
      stage: string;
      decision: string;
      decided_by: string;
      revision: number;
    }>(
      tx,
      `UPDATE review_decisions SET void_reason = $3, voided_at = $4 WHERE post_id = $1 AND revision < $2 AND voided_at IS NULL
       RETURNING stage, decision, decided_by, revision`,
      params,
    );
    const filings = await this.updateReturning<{ regulator: string; timing: string; revision: number }>(
      tx,
      `UPDATE filings SET status = 'void', void_reason = $3, voided_at = $4 WHERE post_id = $1 AND revision < $2 AND status = 'pending'
       RETURNING regulator, timing, revision`,
      params,
    );
    return {
      stages,
      signatures: signatures.map((s) => ({
        stage: s.stage,
        decision: s.decision,
        decidedBy: s.decided_by,
        revision: s.revision,
      })),
      filings,
    };
  }

  /** `UPDATE ... RETURNING` through TypeORM answers `[rows, count]` on Postgres. */
  private async updateReturning<T>(tx: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
    const [rows] = await tx.query<[T[], number]>(sql, params);
    return rows;
  }
}
