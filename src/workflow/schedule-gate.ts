import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { Actor } from '../common/domain/actor';

/**
 * The hand-over from approval to the schedule, a required provider of WorkflowModule: the
 * scheduling module binds it (ScheduleGateModule, to PublishScheduleGate). The workflow calls
 * `placeOnSchedule` inside its transaction, with the post row locked, once the post is
 * `approved`, has a scheduled time and the workflow cleared it (every stage signed, no
 * approval expired, no pre-use filing pending, the filing wait over by the scheduled time;
 * ReviewRoundsService.offerToSchedule checks that, once). The gate decides the rest: apply
 * `schedule` (and enqueue the publish job), or apply `hold` with a reason (a blackout, a
 * crisis pause). It moves the post only through PostTransitionsService with the given `tx`.
 */
export abstract class ScheduleGate {
  abstract placeOnSchedule(tx: EntityManager, post: Post, actor: Actor | string): Promise<void>;
}
