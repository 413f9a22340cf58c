import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { Actor } from '../identity/actor';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { AfterCommit } from './after-commit';
import { PublishQueue } from './publish-queue.service';
import { RestrictionsService, stopReason } from './restrictions.service';
import { ScheduleStore } from './schedule-store.service';

/**
 * What happens when the last stage of a post is approved (called by the workflow inside its
 * decision transaction, with the post row locked): the post is scheduled, or held when its
 * time falls in a blackout or a pause is in force for it (API.md: "becomes `scheduled` (or
 * `held`, with the reason, ...)"). The publish job is added only after the commit.
 */
@Injectable()
export class PublishScheduleGate {
  constructor(
    private readonly transitions: PostTransitionsService,
    private readonly restrictions: RestrictionsService,
    private readonly store: ScheduleStore,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
  ) {}

  async placeOnSchedule(tx: EntityManager, post: Post, actor: Actor | string): Promise<void> {
    // An approved post without a time stays `approved`: giving it a time is an edit (a new revision).
    if (!post.scheduledAt) return;
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
