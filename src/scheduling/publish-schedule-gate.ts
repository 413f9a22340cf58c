import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { Actor } from '../common/domain/actor';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { ScheduleGate } from '../workflow/schedule-gate';
import { AfterCommit } from './after-commit';
import { PublishQueue } from './publish-queue.service';
import { RestrictionsService, stopReason } from './restrictions.service';
import { ScheduleStore } from './schedule-store.service';

/**
 * What happens to an approved post the workflow cleared (called inside its transaction, with
 * the post row locked, after the last signature or a recorded pre-use filing): it is `held`, with the
 * reason, when a crisis pause is in force for it or its time falls in a blackout (API.md:
 * "becomes `scheduled` (or `held`, with the reason, ...)"); otherwise it is `scheduled` and
 * its publish job is added once the transaction has committed.
 */
@Injectable()
export class PublishScheduleGate extends ScheduleGate {
  constructor(
    private readonly transitions: PostTransitionsService,
    private readonly restrictions: RestrictionsService,
    private readonly store: ScheduleStore,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
  ) {
    super();
  }

  async placeOnSchedule(tx: EntityManager, post: Post, actor: Actor | string): Promise<void> {
    // Giving an approved post a time is an edit (a new revision), so without one it stays approved.
    if (post.status !== 'approved' || !post.scheduledAt) return;
    // Cleared by the workflow just before it called (ScheduleGate's contract): not asked again.
    const stop = await this.restrictions.stopFor(tx, post, post.scheduledAt);
    if (stop) {
      await this.transitions.apply(tx, post, 'hold', actor, stopReason(stop));
      return;
    }
    await this.transitions.apply(tx, post, 'schedule', actor);
    const job = await this.store.place(tx, post, post.scheduledAt);
    this.afterCommit.run(tx, () => this.queue.enqueue([job]));
  }
}
