import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Post } from '../calendar/entities/post.entity';
import { PostsService } from '../calendar/posts.service';
import { ConflictError, DomainRuleError, ForbiddenError } from '../common/errors/app-error';
import type { WorkspaceMember } from '../common/domain/actor';
import { AuthService } from '../identity/auth.service';
import { signerQualification } from '../identity/members/role-grants';
import { approvalExpiresAt } from './domain/approval-validity';
import { signingRefusal } from './domain/separation-of-duties';
import { allApproved, stagesWaitingBefore } from './domain/stage-derivation';
import type { DecisionDto, WorkflowPostDto } from './dto/workflow.dto';
import { ReviewDecision, type Decision } from './entities/review-decision.entity';
import { ReviewStage, type StageStatus } from './entities/review-stage.entity';
import type { Submission } from './entities/submission.entity';
import { ReviewRecordsService } from './review-records.service';
import { ReviewRoundsService } from './review-rounds.service';
import { PostTransitionsService } from './post-transitions.service';
import { staleRevision } from './submissions.service';
import { Clock } from '../common/clock/clock';
import { WorkflowViewService } from './workflow-view.service';

const STAGE_STATUS_BY_DECISION: Record<Decision, StageStatus> = {
  approve: 'approved',
  reject: 'rejected',
  request_changes: 'changes_requested',
};

/** Unique indexes that make a lost signing race fail in the database too (see ReviewDecision). */
const SIGNING_RACE_CONSTRAINTS = ['review_decisions_live_stage_key', 'review_decisions_live_signer_key'];

/** A reviewer's or principal's signature on one stage of a post. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly audit: AuditService,
    private readonly transitions: PostTransitionsService,
    private readonly records: ReviewRecordsService,
    private readonly rounds: ReviewRoundsService,
    private readonly view: WorkflowViewService,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs a stage. The post row is locked first, so two reviewers deciding the same stage at
   * once are serialised: the second finds the stage decided (409). The partial unique
   * indexes on review_decisions are the last line should anything bypass the lock.
   */
  async decide(member: WorkspaceMember, postId: string, dto: DecisionDto): Promise<WorkflowPostDto> {
    const userId = AuthService.requireUser(member.actor);
    try {
      return await this.dataSource.transaction(async (tx) => {
        const post = await this.posts.lockPost(tx, member.workspaceId, postId);
        const { submission, round, stage } = await this.stageToSign(tx, member, userId, post, dto);
        const signature = await this.sign(tx, member, userId, post, stage, submission, dto);
        switch (dto.decision) {
          case 'approve':
            if (allApproved(round)) await this.rounds.completeRound(tx, post, member.actor);
            break;
          case 'reject':
          case 'request_changes': {
            const closed = await this.rounds.closeOpenStages(tx, post.id, 'review_closed');
            await this.transitions.apply(tx, post, dto.decision, member.actor, {
              stage: stage.stage,
              decidedBy: userId,
              comment: signature.comment,
              closedStages: closed,
            });
            break;
          }
        }
        return this.view.postView(tx, post);
      });
    } catch (error) {
      if (isSigningRace(error)) throw stageAlreadyDecided(dto.stage, 'decided');
      throw error;
    }
  }

  /**
   * The open stage this member may sign now, or the reason (stale,
   * not required, separation of duties, decided, out of order).
   */
  private async stageToSign(
    tx: EntityManager,
    member: WorkspaceMember,
    userId: string,
    post: Post,
    dto: DecisionDto,
  ): Promise<{ submission: Submission; round: ReviewStage[]; stage: ReviewStage }> {
    if (dto.revision !== post.revision) throw staleRevision(dto.revision, post.revision);
    const submission = await this.records.latestSubmission(tx, post.id, post.revision);
    const round = submission
      ? (await this.records.roundStages(tx, submission.id)).filter((s) => s.status !== 'void')
      : [];
    const stage = round.find((s) => s.stage === dto.stage);
    if (!stage || !submission) {
      assertTakesDecisions(post, round);
      throw new DomainRuleError('STAGE_NOT_REQUIRED', 'workflow:errors.stageNotRequired', {
        stage: dto.stage,
        stages: round.map((s) => s.stage).join(', ') || '-',
      });
    }
    const refusal = signingRefusal({
      stage,
      signer: { userId, roles: member.roles },
      contributors: await this.records.contributors(tx, post.id),
      liveSignatures: await this.records.liveDecisions(tx, post.id),
    });
    if (refusal) throw new ForbiddenError(refusal.code, refusal.messageKey, refusal.params);
    // Checked before the post's status: whoever lost a race learns that the stage was decided.
    if (stage.status !== 'open') throw stageAlreadyDecided(stage.stage, stage.status);
    assertTakesDecisions(post, round);
    const waitingFor = stagesWaitingBefore(round, stage);
    if (waitingFor.length > 0) {
      throw new DomainRuleError('STAGE_OUT_OF_ORDER', 'workflow:errors.stageOutOfOrder', {
        stage: stage.stage,
        waitingFor: waitingFor.join(', '),
      });
    }
    return { submission, round, stage };
  }

  /** Writes the signature, moves the stage and records both in the audit trail. */
  private async sign(
    tx: EntityManager,
    member: WorkspaceMember,
    userId: string,
    post: Post,
    stage: ReviewStage,
    submission: Submission,
    dto: DecisionDto,
  ): Promise<ReviewDecision> {
    const decidedAt = this.clock.now();
    // For examiners: how the signer came to hold the role they sign with (when, granted by whom).
    const roleGrant = await signerQualification(tx, member.workspaceId, userId, stage.role);
    const signature = await tx.getRepository(ReviewDecision).save({
      workspaceId: member.workspaceId,
      postId: post.id,
      stageId: stage.id,
      stage: stage.stage,
      revision: post.revision,
      contentHash: post.contentHash,
      decision: dto.decision,
      comment: dto.comment?.trim() || null,
      decidedBy: userId,
      qualification: { ...member.qualification },
      signerQualification: roleGrant,
      decidedAt,
      expiresAt: dto.decision === 'approve' ? approvalExpiresAt(decidedAt, submission.approvalValidityDays) : null,
      voidedAt: null,
      voidReason: null,
    });
    stage.status = STAGE_STATUS_BY_DECISION[dto.decision];
    await tx.getRepository(ReviewStage).update({ id: stage.id }, { status: stage.status });
    const data = {
      stage: stage.stage,
      decision: dto.decision,
      revision: post.revision,
      contentHash: post.contentHash,
      comment: signature.comment,
      qualification: signature.qualification,
      signerQualification: roleGrant,
      expiresAt: signature.expiresAt?.toISOString() ?? null,
    };
    await this.audit.record(
      {
        workspaceId: member.workspaceId,
        actor: member.actor,
        action: 'workflow.decision',
        subject: `post:${post.id}`,
        data,
      },
      tx,
    );
    return signature;
  }
}

/**
 * A post takes decisions while in review, and while held with a stage re-opened because its
 * approval expired. A post held for a missed deadline has no open stage: it must be
 * rescheduled (a new revision) and submitted again.
 */
function assertTakesDecisions(post: Post, round: readonly ReviewStage[]): void {
  const open = post.status === 'in_review' || (post.status === 'held' && round.some((s) => s.status === 'open'));
  if (!open) throw new DomainRuleError('REVIEW_NOT_OPEN', 'workflow:errors.reviewNotOpen', { status: post.status });
}

function stageAlreadyDecided(stage: string, status: string): ConflictError {
  return new ConflictError('STAGE_ALREADY_DECIDED', 'workflow:errors.stageAlreadyDecided', { stage, status });
}

function isSigningRace(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && SIGNING_RACE_CONSTRAINTS.includes(driverError.constraint ?? '');
}
