import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import { Clock } from '../common/clock/clock';
import { DomainRuleError } from '../common/errors/app-error';
import { User } from '../identity/entities/user.entity';
import { clearanceBlockers, expiredStages } from './domain/clearance';
import type { TransitionRefusal } from './post-transitions.service';
import { ReviewRecordsService } from './review-records.service';

/** A live approval of the post's current round, with its signer named as the archive keeps it. */
export interface SignedApproval {
  stage: string;
  decidedBy: string;
  name: string | null;
  email: string | null;
  qualification: Record<string, unknown>;
  decidedAt: string;
  contentHash: string;
  comment: string | null;
}

/** The workflow's answer to "may this post go out now, and on whose approvals". */
export interface PublishingClearance {
  /** Everything that keeps the post from going out; empty when it is clear. */
  blockers: TransitionRefusal[];
  /** The stages whose approval has expired (also among the blockers), for the hold reason. */
  expiredStages: string[];
  /** The live approvals of the current round, oldest first: the evidence the archive keeps. */
  approvals: SignedApproval[];
}

/**
 * Whether a post may be on the schedule (and go out): its current revision was submitted,
 * every stage of that round is approved and no approval has expired, and every pre-use
 * filing is recorded with a waiting period that ends by the scheduled time (the rule itself
 * is domain/clearance.ts). Asked once per path: by the workflow before it offers a post to
 * the ScheduleGate, by a release, and by the publish job at the last look (`forPublishing`).
 */
@Injectable()
export class PublicationClearanceService {
  constructor(
    private readonly records: ReviewRecordsService,
    private readonly clock: Clock,
  ) {}

  /** Everything that keeps the post off the schedule at `at`; empty when it is clear. */
  async blockers(manager: EntityManager, post: Post, at: Date = this.clock.now()): Promise<TransitionRefusal[]> {
    const records = await this.records.clearanceRecords(manager, [post]);
    return clearanceBlockers(post, records.get(post.id)!, at);
  }

  /** Refuses (422, naming every blocker) to put a post back on the schedule that is not cleared. */
  async assertCleared(manager: EntityManager, post: Post): Promise<void> {
    const blockers = await this.blockers(manager, post);
    if (blockers.length > 0) {
      throw new DomainRuleError(blockers[0].code, blockers[0].messageKey, blockers[0].params, { blockers });
    }
  }

  /** For a batch of posts about to go out (the publish job claims hundreds at once), in five queries. */
  async forPublishing(
    manager: EntityManager,
    posts: readonly Post[],
    at: Date,
  ): Promise<Map<string, PublishingClearance>> {
    const records = await this.records.clearanceRecords(manager, posts);
    const live = [...records.values()].flatMap((r) =>
      r.signatures.filter((d) => d.voidedAt === null && d.decision === 'approve'),
    );
    const signerIds = [...new Set(live.map((d) => d.decidedBy))];
    const signers = signerIds.length
      ? await manager.getRepository(User).find({ where: { id: In(signerIds) }, select: ['id', 'name', 'email'] })
      : [];
    const signerById = new Map(signers.map((u) => [u.id, u]));
    return new Map(
      posts.map((post) => {
        const r = records.get(post.id)!;
        const approvals = r.signatures
          .filter((d) => d.voidedAt === null && d.decision === 'approve')
          .map((d) => ({
            stage: d.stage,
            decidedBy: d.decidedBy,
            name: signerById.get(d.decidedBy)?.name ?? null,
            email: signerById.get(d.decidedBy)?.email ?? null,
            qualification: { ...(d.qualification ?? {}) },
            decidedAt: d.decidedAt.toISOString(),
            contentHash: d.contentHash,
            comment: d.comment ?? null,
          }));
        return [post.id, { blockers: clearanceBlockers(post, r, at), expiredStages: expiredStages(r, at), approvals }];
      }),
    );
  }
}
