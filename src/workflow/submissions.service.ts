import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { US_FEDERAL_CALENDAR, type Evaluation } from '@preclear/rules-engine';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Brand } from '../brands/entities/brand.entity';
import type { Post } from '../calendar/entities/post.entity';
import { PostsService } from '../calendar/posts.service';
import { ConflictError, DomainRuleError, NotFoundError } from '../common/errors/app-error';
import { ComplianceService } from '../compliance/compliance.service';
import { WorkspaceOverridesService } from '../compliance/workspace-overrides.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Language } from '../i18n/i18n.service';
import { actorLabel, type WorkspaceMember } from '../common/domain/actor';
import { approvalValidityDays } from './domain/approval-validity';
import { filingRequirements, preFilingLeadDays, type FilingRequirement } from './domain/filing-requirements';
import { latestStartBefore, reviewDueAt } from './domain/review-deadline';
import { previousWorkingInstant } from './domain/review-slots';
import { ReviewCalendarService } from './review-calendar/review-calendar.service';
import { deriveStages } from './domain/stage-derivation';
import type { SubmitPostDto, WithdrawPostDto, WorkflowPostDto } from './dto/workflow.dto';
import { Filing } from './entities/filing.entity';
import { ReviewStage } from './entities/review-stage.entity';
import { Submission } from './entities/submission.entity';
import { canTransition } from './post-state-machine';
import { PostTransitionsService } from './post-transitions.service';
import { ReviewRecordsService } from './review-records.service';
import { ReviewRoundsService } from './review-rounds.service';
import { Clock } from '../common/clock/clock';
import { assertScheduledInFuture } from '../calendar/domain/future-schedule';
import { WorkflowViewService } from './workflow-view.service';

/** Verdicts that refuse a submission: the author has work to do before anyone reviews. */
const REFUSED_VERDICTS: readonly Evaluation['verdict'][] = ['blocked', 'needs_changes'];

/** Submitting a revision for review, and withdrawing a post. */
@Injectable()
export class SubmissionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly posts: PostsService,
    private readonly compliance: ComplianceService,
    private readonly overrides: WorkspaceOverridesService,
    private readonly audit: AuditService,
    private readonly transitions: PostTransitionsService,
    private readonly records: ReviewRecordsService,
    private readonly rounds: ReviewRoundsService,
    private readonly view: WorkflowViewService,
    private readonly clock: Clock,
    private readonly reviewCalendars: ReviewCalendarService,
  ) {}

  /**
   * Evaluates the current revision as it would go out at its scheduled time. Anything blocked
   * or needing changes refuses the submission with the evaluation (422); otherwise the post
   * goes to review with the stages its packs require and the evaluation kept as evidence.
   */
  async submit(member: WorkspaceMember, postId: string, dto: SubmitPostDto, lang: Language): Promise<WorkflowPostDto> {
    return this.dataSource.transaction(async (tx) => {
      const post = await this.posts.lockPost(tx, member.workspaceId, postId);
      if (dto.revision !== post.revision) throw staleRevision(dto.revision, post.revision);
      if (!canTransition(post.status, 'submit')) {
        throw new DomainRuleError('INVALID_TRANSITION', 'errors.invalidTransition', {
          from: post.status,
          event: 'submit',
        });
      }
      const now = this.clock.now();
      assertScheduledInFuture(post.scheduledAt, now);
      const evaluation = await this.evaluateForSubmission(tx, member, post, now, lang);
      const stages = await this.openRound(tx, member, post, evaluation, now);
      await this.transitions.apply(tx, post, 'submit', member.actor);
      if (stages.length === 0) await this.rounds.completeRound(tx, post, member.actor);
      return this.view.postView(tx, post);
    });
  }

  /** The revision judged as it would go out at its scheduled time; refused (422) when it may not be reviewed. */
  private async evaluateForSubmission(
    tx: EntityManager,
    member: WorkspaceMember,
    post: Post,
    now: Date,
    lang: Language,
  ): Promise<Evaluation> {
    const content = await this.posts.revisionContent(tx, post.id, post.revision);
    const brand = await tx
      .getRepository(Brand)
      .findOne({ where: { id: post.brandId, workspaceId: member.workspaceId } });
    if (!brand) throw new NotFoundError('brand', post.brandId);
    const overrides = await this.overrides.forWorkspace(member.workspaceId, tx);
    const evaluation = this.compliance.evaluate(content, brand.profile, post.scheduledAt, now, overrides);
    if (REFUSED_VERDICTS.includes(evaluation.verdict)) {
      throw new DomainRuleError(
        'SUBMISSION_REFUSED',
        'workflow:errors.submissionRefused',
        { verdict: evaluation.verdict },
        this.compliance.localize(evaluation, lang),
      );
    }
    assertFilingFitsSchedule(evaluation, post);
    return evaluation;
  }

  /** A new review round: the submission kept as evidence, its stages and filings, audited. Answers the stages. */
  private async openRound(
    tx: EntityManager,
    member: WorkspaceMember,
    post: Post,
    evaluation: Evaluation,
    now: Date,
  ): Promise<ReviewStage[]> {
    await this.rounds.supersedeEarlierRounds(tx, post);
    const submission = await tx.getRepository(Submission).save({
      workspaceId: member.workspaceId,
      postId: post.id,
      revision: post.revision,
      contentHash: post.contentHash,
      submittedBy: actorLabel(member.actor),
      submittedAt: now,
      verdict: evaluation.verdict,
      evaluation,
      packVersions: evaluation.packVersions,
      approvalValidityDays: approvalValidityDays(evaluation.jurisdictions),
    });
    const requirements = filingRequirements(evaluation.jurisdictions);
    const stages = await this.createStages(tx, post, submission, evaluation, requirements);
    const filings = await this.createFilings(tx, post, submission, requirements);
    const data = {
      submissionId: submission.id,
      revision: post.revision,
      contentHash: post.contentHash,
      verdict: evaluation.verdict,
      packVersions: evaluation.packVersions,
      stages: stages.map((s) => ({ stage: s.stage, role: s.role, dueAt: s.dueAt?.toISOString() ?? null })),
      filings: filings.map((f) => ({ regulator: f.regulator, when: f.timing, businessDays: f.businessDays })),
    };
    const entry = { workspaceId: member.workspaceId, actor: member.actor, subject: `post:${post.id}`, data };
    await this.audit.record({ ...entry, action: 'workflow.submitted' }, tx);
    return stages;
  }

  /** Takes the post out of the workflow for good; stages still open are closed. */
  async withdraw(member: WorkspaceMember, postId: string, dto: WithdrawPostDto): Promise<WorkflowPostDto> {
    return this.dataSource.transaction(async (tx) => {
      const post = await this.posts.lockPost(tx, member.workspaceId, postId);
      const reason = { code: 'withdrawn', by: actorLabel(member.actor), ...(dto.reason ? { note: dto.reason } : {}) };
      await this.transitions.apply(tx, post, 'withdraw', member.actor, reason);
      await this.rounds.closeOpenStages(tx, post.id, 'withdrawn');
      await tx
        .getRepository(Filing)
        .update(
          { postId: post.id, status: 'pending' },
          { status: 'void', voidReason: 'withdrawn', voidedAt: this.clock.now() },
        );
      return this.view.postView(tx, post);
    });
  }

  private async createStages(
    tx: EntityManager,
    post: Post,
    submission: Submission,
    evaluation: Evaluation,
    requirements: FilingRequirement[],
  ): Promise<ReviewStage[]> {
    const latestDue = reviewDueAt({
      scheduledAt: post.scheduledAt,
      preFilingBusinessDays: preFilingLeadDays(requirements),
      bufferMinutes: this.config.REVIEW_BUFFER_MINUTES,
      calendar: US_FEDERAL_CALENDAR,
    });
    // Reviewers meet deadlines in their working hours: the latest due time moves back to the previous working slot.
    const dueAt =
      latestDue &&
      previousWorkingInstant(latestDue, await this.reviewCalendars.workingTime(tx, post.workspaceId, post.timezone));
    const derived = deriveStages(evaluation.jurisdictions, this.compliance.stageOrder());
    return tx.getRepository(ReviewStage).save(
      derived.map((stage) => ({
        workspaceId: post.workspaceId,
        postId: post.id,
        submissionId: submission.id,
        revision: post.revision,
        stage: stage.stage,
        role: stage.role,
        position: stage.position,
        ruleIds: stage.ruleIds,
        jurisdictions: stage.jurisdictions,
        status: 'open' as const,
        dueAt,
        voidedAt: null,
        voidReason: null,
      })),
    );
  }

  /**
   * One pending filing per requirement. A filing already recorded for this exact revision
   * (a round that was re-opened) still stands: the regulator has this content.
   */
  private async createFilings(
    tx: EntityManager,
    post: Post,
    submission: Submission,
    requirements: FilingRequirement[],
  ): Promise<Filing[]> {
    const existing = await this.records.revisionFilings(tx, post.id, post.revision);
    const missing = requirements.filter(
      (r) => !existing.some((f) => f.regulator === r.regulator && f.timing === r.timing),
    );
    const created = await tx.getRepository(Filing).save(
      missing.map((r) => ({
        workspaceId: post.workspaceId,
        postId: post.id,
        submissionId: submission.id,
        revision: post.revision,
        contentHash: post.contentHash,
        jurisdiction: r.jurisdiction,
        regulator: r.regulator,
        timing: r.timing,
        businessDays: r.businessDays,
        ruleIds: r.ruleIds,
        status: 'pending' as const,
        // Pre-use: the last moment to file so the wait still ends by the scheduled time.
        fileBy:
          r.timing === 'pre' && post.scheduledAt
            ? latestStartBefore(post.scheduledAt, r.businessDays, US_FEDERAL_CALENDAR)
            : null,
      })),
    );
    return [...existing, ...created];
  }
}

/**
 * A pre-use filing cannot even start before approval, so a post scheduled earlier than the
 * filing wait allows (counted from now) can never go out on time: refuse it at submission.
 */
function assertFilingFitsSchedule(evaluation: Evaluation, post: Post): void {
  if (!post.scheduledAt) return;
  for (const { filing } of evaluation.jurisdictions) {
    if (filing?.when !== 'pre' || !filing.earliestPublishAt) continue;
    if (post.scheduledAt < new Date(filing.earliestPublishAt)) {
      throw new DomainRuleError('BEFORE_FILING_WINDOW', 'workflow:errors.beforeFilingWindow', {
        regulator: filing.regulator,
        businessDays: filing.businessDays,
        earliestPublishAt: filing.earliestPublishAt,
        scheduledAt: post.scheduledAt.toISOString(),
      });
    }
  }
}

export function staleRevision(given: number, current: number): ConflictError {
  return new ConflictError('STALE_REVISION', 'errors.staleRevision', { given, current }, { currentRevision: current });
}
