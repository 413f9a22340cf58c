import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { DueJob } from './publish-queue.service';
import { PublishSchedule } from './entities/publish-schedule.entity';

/**
 * Writes `publish_schedule`, always inside the transaction that moves the post and after its
 * row is locked. Callers enqueue the returned job after commit.
 */
@Injectable()
export class ScheduleStore {
  /** The schedule row of the post's current revision, or null (none, or one of an older revision). */
  async current(tx: EntityManager, post: Pick<Post, 'id' | 'revision'>): Promise<PublishSchedule | null> {
    const row = await tx.getRepository(PublishSchedule).findOne({ where: { postId: post.id } });
    return row && row.revision === post.revision ? row : null;
  }

  /**
   * Starts a new run chain: due at `dueAt`, attempts back to zero. Placing the same revision
   * again (a release) takes the next dispatch, so a stale job of the old one does nothing.
   */
  async place(tx: EntityManager, post: Pick<Post, 'id' | 'workspaceId' | 'revision'>, dueAt: Date): Promise<DueJob> {
    const previous = await this.current(tx, post);
    const dispatch = previous ? previous.dispatch + 1 : 0;
    await tx.query(
      `INSERT INTO publish_schedule (post_id, workspace_id, revision, due_at, dispatch, attempts, claim_token, claimed_by, claimed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 0, NULL, NULL, NULL, now())
       ON CONFLICT (post_id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, revision = EXCLUDED.revision, due_at = EXCLUDED.due_at,
         dispatch = EXCLUDED.dispatch, attempts = 0, claim_token = NULL, claimed_by = NULL, claimed_at = NULL, updated_at = now()`,
      [post.id, post.workspaceId, post.revision, dueAt, dispatch],
    );
    return { data: { postId: post.id, workspaceId: post.workspaceId, revision: post.revision, dispatch }, dueAt };
  }
}
