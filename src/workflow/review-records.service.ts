import { Injectable } from '@nestjs/common';
import { In, Not, type EntityManager } from 'typeorm';
import { PostRevision } from '../calendar/entities/post-revision.entity';
import { Filing } from './entities/filing.entity';
import { ReviewDecision } from './entities/review-decision.entity';
import { ReviewStage } from './entities/review-stage.entity';
import { Submission } from './entities/submission.entity';
import type { ClearanceRecords } from './domain/clearance';

/**
 * Read access to the workflow's records, shared by the services that decide. Every method
 * takes the caller's manager so reads inside a transaction see that transaction's writes.
 */
@Injectable()
export class ReviewRecordsService {
  /** What the clearance check reads, for many posts at once (one query per table). */
  async clearanceRecords(
    manager: EntityManager,
    posts: readonly { id: string; revision: number }[],
  ): Promise<Map<string, ClearanceRecords>> {
    const revisionOf = new Map(posts.map((p) => [p.id, p.revision]));
    const postIds = [...revisionOf.keys()];
    const out = new Map<string, ClearanceRecords>(
      postIds.map((id) => [id, { submission: null, stages: [], signatures: [], filings: [] }]),
    );
    if (postIds.length === 0) return out;
    const submissions = await manager
      .getRepository(Submission)
      .find({ where: { postId: In(postIds) }, order: { submittedAt: 'DESC', id: 'DESC' } });
    const current = new Map<string, Submission>();
    for (const submission of submissions) {
      if (submission.revision === revisionOf.get(submission.postId) && !current.has(submission.postId)) {
        current.set(submission.postId, submission);
      }
    }
    const submissionIds = [...current.values()].map((s) => s.id);
    const stages = submissionIds.length
      ? await manager
          .getRepository(ReviewStage)
          .find({ where: { submissionId: In(submissionIds) }, order: { position: 'ASC' } })
      : [];
    const signatures = await this.decisionsOf(
      manager,
      stages.map((s) => s.id),
    );
    const filings = await manager
      .getRepository(Filing)
      .find({ where: { postId: In(postIds), status: Not('void') }, order: { timing: 'DESC', regulator: 'ASC' } });
    for (const [postId, submission] of current) {
      const round = stages.filter((s) => s.submissionId === submission.id);
      const stageIds = new Set(round.map((s) => s.id));
      Object.assign(out.get(postId)!, {
        submission,
        stages: round,
        signatures: signatures.filter((d) => stageIds.has(d.stageId)),
      });
    }
    for (const [postId, records] of out) {
      records.filings = filings.filter((f) => f.postId === postId && f.revision === revisionOf.get(postId));
    }
    return out;
  }

  /** The newest submission of this exact revision: its stages are the post's current round. */
  latestSubmission(manager: EntityManager, postId: string, revision: number): Promise<Submission | null> {
    return manager
      .getRepository(Submission)
      .findOne({ where: { postId, revision }, order: { submittedAt: 'DESC', id: 'DESC' } });
  }

  roundStages(manager: EntityManager, submissionId: string): Promise<ReviewStage[]> {
    return manager.getRepository(ReviewStage).find({ where: { submissionId }, order: { position: 'ASC' } });
  }

  /** Every signature (live and voided) on these stages, oldest first. */
  async decisionsOf(manager: EntityManager, stageIds: readonly string[]): Promise<ReviewDecision[]> {
    if (stageIds.length === 0) return [];
    return manager
      .getRepository(ReviewDecision)
      .find({ where: { stageId: In([...stageIds]) }, order: { decidedAt: 'ASC' } });
  }

  /** Signatures on the post that still count. */
  liveDecisions(manager: EntityManager, postId: string): Promise<ReviewDecision[]> {
    return manager
      .getRepository(ReviewDecision)
      .createQueryBuilder('d')
      .where('d.post_id = :postId AND d.voided_at IS NULL', { postId })
      .getMany();
  }

  /** Everyone who wrote a revision of the post. */
  async contributors(manager: EntityManager, postId: string): Promise<string[]> {
    const rows = await manager
      .getRepository(PostRevision)
      .createQueryBuilder('r')
      .select('DISTINCT r.author_id', 'authorId')
      .where('r.post_id = :postId AND r.author_id IS NOT NULL', { postId })
      .getRawMany<{ authorId: string }>();
    return rows.map((r) => r.authorId);
  }

  /** The filings of one revision that still count. */
  revisionFilings(manager: EntityManager, postId: string, revision: number): Promise<Filing[]> {
    return manager
      .getRepository(Filing)
      .find({ where: { postId, revision, status: Not('void') }, order: { timing: 'DESC', regulator: 'ASC' } });
  }

  /** The newest revision of the post that this user signed (or refused), voided signatures included. */
  async lastDecidedRevision(manager: EntityManager, postId: string, userId: string): Promise<number | null> {
    const row = await manager
      .getRepository(ReviewDecision)
      .createQueryBuilder('d')
      .select('MAX(d.revision)', 'revision')
      .where('d.post_id = :postId AND d.decided_by = :userId', { postId, userId })
      .getRawOne<{ revision: number | null }>();
    return row?.revision ?? null;
  }
}
