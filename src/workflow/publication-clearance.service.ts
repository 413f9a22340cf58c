import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import { clearanceBlockers } from './domain/clearance';
import { PostTransitionsService, type TransitionRefusal } from './post-transitions.service';
import { ReviewRecordsService } from './review-records.service';
import { Clock } from '../common/clock/clock';

/**
 * Whether a post may be on the schedule: its current revision was submitted, every stage of
 * that round is approved and no approval has expired, and every pre-use filing is recorded
 * with a waiting period that ends by the scheduled time.
 *
 * Registered as a veto on `schedule` and `release`, so no module (nor a custom ScheduleGate)
 * can put an unapproved or unfiled post on the schedule: the attempt is a 422 naming why.
 * The publishing job can ask `blockers(tx, post)` again just before it sends.
 */
@Injectable()
export class PublicationClearanceService implements OnModuleInit {
  constructor(
    private readonly records: ReviewRecordsService,
    private readonly transitions: PostTransitionsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.transitions.addVeto(['schedule', 'release'], async (tx, post) => {
      const blockers = await this.blockers(tx, post);
      return blockers.length === 0 ? null : { ...blockers[0], details: { blockers } };
    });
  }

  /** Everything that keeps the post off the schedule at `at`; empty when it is clear. */
  async blockers(manager: EntityManager, post: Post, at: Date = this.clock.now()): Promise<TransitionRefusal[]> {
    return (await this.blockersMany(manager, [post], at)).get(post.id) ?? [];
  }

  /** The same for a batch of posts (the publish job checks hundreds at once), in four queries. */
  async blockersMany(manager: EntityManager, posts: readonly Post[], at: Date = this.clock.now()): Promise<Map<string, TransitionRefusal[]>> {
    const records = await this.records.clearanceRecords(manager, posts);
    return new Map(posts.map((post) => [post.id, clearanceBlockers(post, records.get(post.id)!, at)]));
  }
}
