import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PostsService } from '../calendar/posts.service';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { AfterCommit } from './after-commit';
import { PublishSchedule } from './entities/publish-schedule.entity';
import { PublishQueue } from './publish-queue.service';

/**
 * Keeps Redis tidy when a scheduled post leaves the schedule: an edit (a new revision), a
 * withdrawal, a hold by a blackout or by the workflow. Correctness never depends on this (a
 * job re-checks the post's status, revision and dispatch under a row lock before publishing);
 * it only spares Redis jobs that would wake up to do nothing.
 */
@Injectable()
export class ScheduleSync implements OnModuleInit {
  constructor(
    private readonly posts: PostsService,
    private readonly transitions: PostTransitionsService,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
  ) {}

  onModuleInit(): void {
    this.posts.onEdit(async ({ tx, post, previousStatus }) => {
      if (previousStatus === 'scheduled') await this.dropJobsAfterCommit(tx, post.id, post.revision - 1);
    });
    this.transitions.onTransition(async (tx, applied) => {
      for (const { post, change } of applied) {
        if (change.from === 'scheduled' && change.event !== 'start_publishing') await this.dropJobsAfterCommit(tx, post.id, post.revision);
      }
    });
  }

  private async dropJobsAfterCommit(tx: EntityManager, postId: string, revision: number): Promise<void> {
    const row = await tx.getRepository(PublishSchedule).findOne({ where: { postId } });
    const dispatches = row && row.revision === revision ? [row.dispatch] : [];
    this.afterCommit.run(tx, () => this.queue.cancel(postId, revision, dispatches));
  }
}
