import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import { isExpired } from './domain/approval-validity';
import { PostTransitionsService, type TransitionRefusal } from './post-transitions.service';
import { ReviewRecordsService } from './review-records.service';
import { WorkflowClock } from './workflow-clock';

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
    private readonly clock: WorkflowClock,
  ) {}

  onModuleInit(): void {
    this.transitions.addVeto(['schedule', 'release'], async (tx, post) => {
      const blockers = await this.blockers(tx, post);
      return blockers.length === 0 ? null : { ...blockers[0], details: { blockers } };
    });
  }

  /** Everything that keeps the post off the schedule at `at`; empty when it is clear. */
  async blockers(manager: EntityManager, post: Post, at: Date = this.clock.now()): Promise<TransitionRefusal[]> {
    const submission = await this.records.latestSubmission(manager, post.id, post.revision);
    if (!submission) return [{ code: 'NOT_SUBMITTED', messageKey: 'workflow:errors.notSubmitted', params: { revision: post.revision } }];
    const blockers: TransitionRefusal[] = [];
    const stages = await this.records.roundStages(manager, submission.id);
    const unapproved = stages.filter((s) => s.status !== 'approved').map((s) => s.stage);
    if (unapproved.length > 0) {
      blockers.push({ code: 'APPROVALS_INCOMPLETE', messageKey: 'workflow:errors.approvalsIncomplete', params: { stages: unapproved.join(', ') } });
    }
    const signatures = await this.records.decisionsOf(
      manager,
      stages.map((s) => s.id),
    );
    const expired = signatures.filter((d) => d.voidedAt === null && d.decision === 'approve' && isExpired(d.expiresAt, at)).map((d) => d.stage);
    if (expired.length > 0) {
      blockers.push({ code: 'APPROVAL_EXPIRED', messageKey: 'workflow:errors.approvalExpired', params: { stages: expired.join(', ') } });
    }
    for (const filing of await this.records.revisionFilings(manager, post.id, post.revision)) {
      if (filing.timing !== 'pre') continue;
      if (filing.status === 'pending') {
        blockers.push({ code: 'FILING_PENDING', messageKey: 'workflow:errors.filingPending', params: { regulator: filing.regulator } });
      } else if (filing.earliestPublishAt && post.scheduledAt && post.scheduledAt < filing.earliestPublishAt) {
        blockers.push({
          code: 'BEFORE_EARLIEST_PUBLISH',
          messageKey: 'workflow:errors.beforeEarliestPublish',
          params: { regulator: filing.regulator, earliestPublishAt: filing.earliestPublishAt.toISOString(), scheduledAt: post.scheduledAt.toISOString() },
        });
      }
    }
    return blockers;
  }
}
