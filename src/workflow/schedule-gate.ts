import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { Actor } from '../identity/actor';
import { PostTransitionsService } from './post-transitions.service';
import { PublicationClearanceService } from './publication-clearance.service';

/**
 * The hand-over from approval to the schedule. The workflow calls `placeOnSchedule` inside
 * its transaction, with the post row locked and the post `approved`: after the last stage is
 * signed, and again when a pre-use filing is recorded. The gate decides what happens next:
 * apply `schedule`, apply `hold` with a reason (a blackout, a crisis pause), or leave the
 * post `approved` (a filing is pending). It must only move the post through
 * PostTransitionsService.apply with the given `tx`.
 *
 * Overriding (src/scheduling): bind your class to this token in a global module, e.g.
 *
 *   @Global()
 *   @Module({
 *     imports: [WorkflowModule],
 *     providers: [{ provide: ScheduleGate, useClass: SchedulingScheduleGate }],
 *     exports: [ScheduleGate],
 *   })
 *   export class ScheduleGateModule {}
 *
 * The workflow uses that binding when it exists and DirectScheduleGate otherwise. Extending
 * DirectScheduleGate and calling `super.placeOnSchedule()` once blackouts and pauses allow
 * keeps the filing check. Whatever the gate does, `schedule` and `release` are vetoed while
 * approvals or filings are missing (PublicationClearanceService).
 */
export abstract class ScheduleGate {
  abstract placeOnSchedule(tx: EntityManager, post: Post, actor: Actor | string): Promise<void>;
}

/**
 * The default gate, for a deployment without a scheduling module: schedules the post when it
 * has a time and is clear; leaves it `approved` while a pre-use filing is pending or its
 * waiting period would end after the scheduled time.
 */
@Injectable()
export class DirectScheduleGate extends ScheduleGate {
  constructor(
    protected readonly transitions: PostTransitionsService,
    protected readonly clearance: PublicationClearanceService,
  ) {
    super();
  }

  async placeOnSchedule(tx: EntityManager, post: Post, actor: Actor | string): Promise<void> {
    if (post.status !== 'approved' || post.scheduledAt === null) return;
    if ((await this.clearance.blockers(tx, post)).length > 0) return;
    await this.transitions.apply(tx, post, 'schedule', actor);
  }
}

/** The gate the workflow calls: the ScheduleGate bound by another module, else DirectScheduleGate. */
export const ACTIVE_SCHEDULE_GATE = Symbol('ACTIVE_SCHEDULE_GATE');
