import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { DueJob } from './publish-queue.service';
import { PublishSchedule } from './entities/publish-schedule.entity';

/** One row of `publish_schedule` as written. */
export interface ScheduleRow {
  postId: string;
  workspaceId: string;
  revision: number;
  dueAt: Date;
  dispatch: number;
  attempts: number;
  claimToken: string | null;
  claimedBy: string | null;
  claimedAt: Date | null;
}

/**
 * What a finished run leaves on the schedule: a retry's new due time and dispatch, or (nulls) the same row unclaimed.
 */
export interface RunSettlement {
  postId: string;
  dueAt: Date | null;
  dispatch: number | null;
}

/**
 * The only writer of `publish_schedule` (scheduling owns it): placing a post, a run's claim
 * and its end, a takeover from a dead worker. Always inside the transaction that moves the
 * post and after its row is locked; callers enqueue the returned jobs after commit.
 */
@Injectable()
export class ScheduleStore {
  /** The schedule row of the post's current revision, or null (none, or one of an older revision). */
  async current(tx: EntityManager, post: Pick<Post, 'id' | 'revision'>): Promise<PublishSchedule | null> {
    const row = await tx.getRepository(PublishSchedule).findOne({ where: { postId: post.id } });
    return row && row.revision === post.revision ? row : null;
  }

  /** Locks the rows of these posts (in post id order, after the posts themselves). */
  async lockMany(tx: EntityManager, postIds: readonly string[]): Promise<Map<string, PublishSchedule>> {
    if (postIds.length === 0) return new Map();
    const rows = await tx
      .getRepository(PublishSchedule)
      .createQueryBuilder('s')
      .where('s.postId = ANY(:postIds::uuid[])', { postIds })
      .orderBy('s.postId', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    return new Map(rows.map((r) => [r.postId, r]));
  }

  /**
   * Starts a new run chain: due at `dueAt`, attempts back to zero. Placing the same revision
   * again (a release) takes the next dispatch, so a stale job of the old one does nothing.
   */
  async place(tx: EntityManager, post: Pick<Post, 'id' | 'workspaceId' | 'revision'>, dueAt: Date): Promise<DueJob> {
    const previous = await this.current(tx, post);
    const dispatch = previous ? previous.dispatch + 1 : 0;
    await this.upsert(tx, [{ ...unclaimed(post, dueAt, dispatch), attempts: 0 }]);
    return jobOf(post, dispatch, dueAt);
  }

  /** A worker's claims on runs: the token the finish must still find, who and when. */
  async claim(tx: EntityManager, rows: readonly ScheduleRow[]): Promise<void> {
    await this.upsert(tx, rows);
  }

  /** Runs that ended: the claim is dropped; a retry moves the due time and takes the next dispatch. */
  async settle(tx: EntityManager, settlements: readonly RunSettlement[]): Promise<void> {
    if (settlements.length === 0) return;
    await tx.query(
      `UPDATE publish_schedule s
          SET due_at = COALESCE(u.due_at, s.due_at), dispatch = COALESCE(u.dispatch, s.dispatch),
              claim_token = NULL, claimed_by = NULL, claimed_at = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS u(post_id, due_at, dispatch)
        WHERE s.post_id = u.post_id`,
      [settlements.map((u) => u.postId), settlements.map((u) => u.dueAt), settlements.map((u) => u.dispatch)],
    );
  }

  /**
   * A run taken from a dead worker goes back on the schedule at its due time (if the takeover
   * itself comes too late the next run marks the post missed), under the next dispatch.
   */
  async requeue(
    tx: EntityManager,
    post: Pick<Post, 'id' | 'workspaceId' | 'revision'>,
    current: PublishSchedule | null,
    fallbackDueAt: Date,
  ): Promise<DueJob> {
    const dueAt = current?.dueAt ?? fallbackDueAt;
    const dispatch = (current?.dispatch ?? 0) + 1;
    await this.upsert(tx, [{ ...unclaimed(post, dueAt, dispatch), attempts: current?.attempts ?? 0 }]);
    return jobOf(post, dispatch, dueAt);
  }

  /** The one upsert of a whole row. */
  private async upsert(tx: EntityManager, rows: readonly ScheduleRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO publish_schedule (post_id, workspace_id, revision, due_at, dispatch, attempts, claim_token, claimed_by, claimed_at, updated_at)
       SELECT u.post_id, u.workspace_id, u.revision, u.due_at, u.dispatch, u.attempts, u.claim_token, u.claimed_by, u.claimed_at, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::uuid[], $8::text[], $9::timestamptz[])
           AS u(post_id, workspace_id, revision, due_at, dispatch, attempts, claim_token, claimed_by, claimed_at)
       ON CONFLICT (post_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, revision = EXCLUDED.revision, due_at = EXCLUDED.due_at,
         dispatch = EXCLUDED.dispatch, attempts = EXCLUDED.attempts, claim_token = EXCLUDED.claim_token, claimed_by = EXCLUDED.claimed_by,
         claimed_at = EXCLUDED.claimed_at, updated_at = now()`,
      [
        rows.map((r) => r.postId),
        rows.map((r) => r.workspaceId),
        rows.map((r) => r.revision),
        rows.map((r) => r.dueAt),
        rows.map((r) => r.dispatch),
        rows.map((r) => r.attempts),
        rows.map((r) => r.claimToken),
        rows.map((r) => r.claimedBy),
        rows.map((r) => r.claimedAt),
      ],
    );
  }
}

function unclaimed(
  post: Pick<Post, 'id' | 'workspaceId' | 'revision'>,
  dueAt: Date,
  dispatch: number,
): Omit<ScheduleRow, 'attempts'> {
  return {
    postId: post.id,
    workspaceId: post.workspaceId,
    revision: post.revision,
    dueAt,
    dispatch,
    claimToken: null,
    claimedBy: null,
    claimedAt: null,
  };
}

function jobOf(post: Pick<Post, 'id' | 'workspaceId' | 'revision'>, dispatch: number, dueAt: Date): DueJob {
  return { data: { postId: post.id, workspaceId: post.workspaceId, revision: post.revision, dispatch }, dueAt };
}
