import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PostEditedPayload } from '../calendar/post-events';
import type { AppliedTransition } from '../workflow/post-transitions.service';
import { AfterCommit } from './after-commit';
import { PublishQueue } from './publish-queue.service';
import { ScheduleStore } from './schedule-store.service';

/**
 * Keeps Redis tidy when a scheduled post leaves the schedule: an edit (a new revision), a
 * withdrawal, a hold by a blackout or by the workflow. Correctness never depends on this (a
 * job re-checks the post's status, revision and dispatch under a row lock before publishing);
 * it only spares Redis jobs that would wake up to do nothing. Subscribed to PostEdited and
 * PostTransitioned in SchedulingModule.
 */
@Injectable()
export class ScheduleSync {
  constructor(
    private readonly store: ScheduleStore,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
  ) {}

  async onEdited(tx: EntityManager, { post, previousStatus }: PostEditedPayload): Promise<void> {
    if (previousStatus === 'scheduled') await this.dropJobsAfterCommit(tx, post.id, post.revision - 1);
  }

  async onTransitioned(tx: EntityManager, applied: readonly AppliedTransition[]): Promise<void> {
    for (const { post, change } of applied) {
      if (change.from === 'scheduled' && change.event !== 'start_publishing') {
        await this.dropJobsAfterCommit(tx, post.id, post.revision);
      }
    }
  }

  private async dropJobsAfterCommit(tx: EntityManager, postId: string, revision: number): Promise<void> {
    const row = await this.store.current(tx, { id: postId, revision });
    const dispatches = row ? [row.dispatch] : [];
    this.afterCommit.run(tx, () => this.queue.cancel(postId, revision, dispatches));
  }
}
