import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { Actor } from '../identity/actor';
import { PostTransitionsService } from './post-transitions.service';
import { PublicationClearanceService } from './publication-clearance.service';

/**
 * The hand-over from approval to the schedule. The workflow calls `placeOnSchedule` inside
 * its transaction, with the post row locked, once the post is `approved`, has a scheduled
 * time and nothing in the workflow holds it back (every stage signed, no pre-use filing
 * pending, the filing wait over by the scheduled time): right after the last signature, or
 * when the filing that was missing is recorded. The gate decides the rest: apply `schedule`
 * (and enqueue the publish job), or apply `hold` with a reason (a blackout, a crisis pause).
 * It must move the post only through PostTransitionsService.apply with the given `tx`.
 *
 * Overriding (src/scheduling): bind your class to this token in a global module, e.g.
 *
 *   @Global()
 *   @Module({
 *     imports: [WorkflowModule],
 *     providers: [{ provide: ScheduleGate, useClass: PublishScheduleGate }],
 *     exports: [ScheduleGate],
 *   })
 *   export class ScheduleGateModule {}
 *
 * The workflow uses that binding when one exists and DirectScheduleGate otherwise. Whatever
 * a gate does, `schedule` and `release` stay vetoed while approvals or filings are missing
 * (PublicationClearanceService), so a gate cannot put an unapproved post on the schedule.
 */
export abstract class ScheduleGate {
  abstract placeOnSchedule(tx: EntityManager, post: Post, actor: Actor | string): Promise<void>;
}

/**
 * The default gate, for a deployment without a scheduling module: schedules the post. It
 * checks the workflow's clearance again itself, so calling it directly with a post whose
 * pre-use filing is pending leaves the post `approved` rather than failing.
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
