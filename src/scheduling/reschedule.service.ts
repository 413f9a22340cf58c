import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addBusinessDays, US_FEDERAL_CALENDAR } from '@preclear/rules-engine';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Brand } from '../brands/entities/brand.entity';
import { CALENDAR_I18N_NAMESPACE } from '../calendar/calendar-i18n';
import type { Post } from '../calendar/entities/post.entity';
import { toPostDto } from '../calendar/post-dto';
import { PostsService } from '../calendar/posts.service';
import { ComplianceService } from '../compliance/compliance.service';
import { WorkspaceOverridesService } from '../compliance/workspace-overrides.service';
import type { WorkspaceMember } from '../common/domain/actor';
import { I18nService, type Language } from '../i18n/i18n.service';
import { approvalCarryOver, type CarryOverReason } from '../workflow/domain/approval-carry-over';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { ReviewRecordsService } from '../workflow/review-records.service';
import { Clock } from '../common/clock/clock';
import { AfterCommit } from './after-commit';
import type { RescheduleDto, RescheduleResultDto } from './dto/reschedule.dto';
import { PublishQueue } from './publish-queue.service';
import { RestrictionsService, stopReason } from './restrictions.service';
import { ScheduleStore } from './schedule-store.service';

/**
 * A new time for a post without rewriting it. For an approved or scheduled post whose approvals
 * hold at the new time (approval-carry-over.ts decides), only the time moves: same revision, same
 * signatures, the publish job follows (or the post is held if a pause or blackout covers the new
 * time). Otherwise the new time is an ordinary edit (a new revision, back to draft for review),
 * and the answer says why.
 */
@Injectable()
export class RescheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly compliance: ComplianceService,
    private readonly overrides: WorkspaceOverridesService,
    private readonly records: ReviewRecordsService,
    private readonly transitions: PostTransitionsService,
    private readonly restrictions: RestrictionsService,
    private readonly store: ScheduleStore,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
  ) {}

  async reschedule(
    member: WorkspaceMember,
    postId: string,
    dto: RescheduleDto,
    lang: Language,
  ): Promise<RescheduleResultDto> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      const post = await this.posts.lockPost(tx, member.workspaceId, postId);
      const timezone = dto.timezone ?? post.timezone;
      const newTime = this.posts.futureScheduleInstant(dto.scheduledAt, timezone);
      const reasons = await this.carryOverReasons(tx, post, newTime);
      if (reasons.length === 0 && !dto.preview) await this.moveKeepingApprovals(tx, member, post, newTime, timezone);
      return { post, reasons, revision: post.revision, timezone };
    });
    const translate = (reason: CarryOverReason): { code: string; message: string } => ({
      code: reason.code,
      message: this.i18n.t(`reschedule.${reason.code}`, lang, reason.params, CALENDAR_I18N_NAMESPACE),
    });
    if (dto.preview || outcome.reasons.length === 0) {
      return {
        post: toPostDto(outcome.post),
        approvalsKept: outcome.reasons.length === 0,
        reasons: outcome.reasons.map(translate),
      };
    }
    // Back through review: the new time is an edit like any other (new revision, approvals void, draft).
    const post = await this.posts.update(member, postId, {
      revision: outcome.revision,
      scheduledAt: dto.scheduledAt,
      timezone: outcome.timezone,
    });
    return { post, approvalsKept: false, reasons: outcome.reasons.map(translate) };
  }

  private async carryOverReasons(tx: EntityManager, post: Post, newTime: Date): Promise<CarryOverReason[]> {
    const approved = post.status === 'approved' || post.status === 'scheduled';
    const records = (await this.records.clearanceRecords(tx, [post])).get(post.id)!;
    if (!approved || !records.submission) return approvalCarryOver(null);
    const brand = await tx.getRepository(Brand).findOneByOrFail({ id: post.brandId });
    const content = await this.posts.revisionContent(tx, post.id, post.revision);
    const now = this.clock.now();
    const evaluation = this.compliance.evaluate(
      content,
      brand.profile,
      newTime,
      now,
      await this.overrides.forWorkspace(post.workspaceId, tx),
    );
    return approvalCarryOver({
      newTime,
      approvedVerdict: records.submission.evaluation.verdict,
      approvedStages: records.submission.evaluation.requiredStages.map((s) => s.stage),
      newVerdict: evaluation.verdict,
      newStages: evaluation.requiredStages.map((s) => s.stage),
      approvals: records.signatures
        .filter((d) => d.voidedAt === null && d.decision === 'approve')
        .map((d) => ({ stage: d.stage, expiresAt: d.expiresAt })),
      preUseFilings: records.filings
        .filter((f) => f.timing === 'pre')
        .map((f) => ({
          regulator: f.regulator,
          earliestPublishAt: f.earliestPublishAt ?? addBusinessDays(now, f.businessDays, US_FEDERAL_CALENDAR),
        })),
    });
  }

  /** Moves the time only; the feed SEQUENCE rises, the audit trail says from when to when, the job follows. */
  private async moveKeepingApprovals(
    tx: EntityManager,
    member: WorkspaceMember,
    post: Post,
    newTime: Date,
    timezone: string,
  ): Promise<void> {
    const from = post.scheduledAt?.toISOString() ?? null;
    post.scheduledAt = newTime;
    post.timezone = timezone;
    post.feedSequence += 1;
    await tx.query(
      `UPDATE posts SET scheduled_at = $2, timezone = $3, feed_sequence = $4, updated_at = now() WHERE id = $1`,
      [post.id, newTime, timezone, post.feedSequence],
    );
    await this.audit.record(
      {
        workspaceId: post.workspaceId,
        actor: member.actor,
        action: 'post.rescheduled',
        subject: `post:${post.id}`,
        data: { revision: post.revision, from, to: newTime.toISOString(), timezone, approvalsKept: true },
      },
      tx,
    );
    if (post.status !== 'scheduled') return;
    const stop = await this.restrictions.stopFor(tx, post, newTime);
    if (stop) {
      await this.transitions.apply(tx, post, 'hold', member.actor, stopReason(stop));
      return;
    }
    const previous = await this.store.current(tx, post);
    const job = await this.store.place(tx, post, newTime);
    this.afterCommit.run(tx, async () => {
      if (previous) await this.queue.cancel(post.id, post.revision, [previous.dispatch]);
      await this.queue.enqueue([job]);
    });
  }
}
