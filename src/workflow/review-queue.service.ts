import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { redline } from '../calendar/domain/redline';
import { PostsService } from '../calendar/posts.service';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type Page, type PageQueryDto } from '../common/http/pagination';
import { ComplianceService } from '../compliance/compliance.service';
import type { Language } from '../i18n/i18n.service';
import type { WorkspaceMember } from '../common/domain/actor';
import { AuthService } from '../identity/auth.service';
import { isOverdue } from './domain/review-deadline';
import { stagesWaitingBefore } from './domain/stage-derivation';
import type { RedlineDto } from '../calendar/dto/post.dto';
import type { ReviewDto, ReviewQueryDto, ReviewQueueItemDto } from './dto/workflow.dto';
import { ReviewStage } from './entities/review-stage.entity';
import { ReviewRecordsService } from './review-records.service';
import { Clock } from '../common/clock/clock';
import { WorkflowViewService } from './workflow-view.service';

const NO_DUE_DATE = 'infinity';

interface QueueRow {
  stage_id: string;
  post_id: string;
  submission_id: string;
  stage: string;
  role: string;
  position: number;
  due_at: Date | null;
  revision: number;
  title: string;
  post_status: string;
  scheduled_at: Date | null;
  jurisdictions: string[];
  author_id: string | null;
  author_name: string | null;
}

/** What a reviewer works from: the queue of stages they may sign, and one post's review with a redline. */
@Injectable()
export class ReviewQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly compliance: ComplianceService,
    private readonly records: ReviewRecordsService,
    private readonly view: WorkflowViewService,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's open stages, earliest deadline first (then each post's stages in signing
   * order; open stages of a post are one round, so post and position are unique): stages whose role the caller holds,
   * of posts the caller did not write and has not signed yet (separation of duties would
   * refuse those anyway). Stages still waiting for an earlier one are listed with `waitingFor`.
   */
  async queue(member: WorkspaceMember, page: PageQueryDto): Promise<Page<ReviewQueueItemDto>> {
    const userId = AuthService.requireUser(member.actor);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.openStagesFor(member, userId, limit, page.cursor);
    const last = rows[rows.length - 1];
    return {
      items: await this.toQueueItems(rows, userId),
      nextCursor:
        rows.length === limit
          ? encodeCursor([last.due_at?.toISOString() ?? NO_DUE_DATE, last.post_id, String(last.position)])
          : null,
    };
  }

  /** One page of the stages the caller may sign, after the cursor's (due, post, position). */
  private async openStagesFor(
    member: WorkspaceMember,
    userId: string,
    limit: number,
    cursor: string | undefined,
  ): Promise<QueueRow[]> {
    const params: unknown[] = [member.workspaceId, member.roles, userId, limit];
    let after = '';
    if (cursor) {
      const [dueAt, postId, position] = decodeCursor(
        cursor,
        3,
        ([at, id, pos]) =>
          (at === NO_DUE_DATE || !Number.isNaN(Date.parse(at))) && /^[0-9a-f-]{36}$/i.test(id) && /^\d{1,4}$/.test(pos),
      );
      params.push(dueAt, postId, Number(position));
      after = `AND (COALESCE(s.due_at, '${NO_DUE_DATE}'::timestamptz), s.post_id, s.position) > ($5::timestamptz, $6::uuid, $7::int)`;
    }
    return this.dataSource.query<QueueRow[]>(
      `SELECT s.id AS stage_id, s.post_id, s.submission_id, s.stage, s.role, s.position, s.due_at, s.revision,
              p.title, p.status AS post_status, p.scheduled_at, p.jurisdictions,
              p.created_by AS author_id, (SELECT u.name FROM users u WHERE u.id = p.created_by) AS author_name
         FROM review_stages s
         JOIN posts p ON p.id = s.post_id AND p.workspace_id = s.workspace_id
        WHERE s.workspace_id = $1 AND s.status = 'open' AND p.status IN ('in_review', 'held')
          AND s.role = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM post_revisions r WHERE r.post_id = s.post_id AND r.author_id = $3)
          AND NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.post_id = s.post_id AND d.decided_by = $3 AND d.voided_at IS NULL)
          ${after}
        ORDER BY COALESCE(s.due_at, '${NO_DUE_DATE}'::timestamptz), s.post_id, s.position
        LIMIT $4`,
      params,
    );
  }

  /** Each row with its round's waiting stages, overdue flag and what changed since the caller last decided. */
  private async toQueueItems(rows: QueueRow[], userId: string): Promise<ReviewQueueItemDto[]> {
    const manager = this.dataSource.manager;
    const roundStages = await manager
      .getRepository(ReviewStage)
      .find({ where: { submissionId: In(rows.map((r) => r.submission_id)), status: Not('void') } });
    const now = this.clock.now();
    const items: ReviewQueueItemDto[] = [];
    for (const row of rows) {
      const lastSeenRevision = await this.records.lastDecidedRevision(manager, row.post_id, userId);
      items.push({
        stageId: row.stage_id,
        postId: row.post_id,
        title: row.title,
        authorId: row.author_id,
        authorName: row.author_name,
        stage: row.stage,
        role: row.role,
        revision: row.revision,
        postStatus: row.post_status,
        jurisdictions: row.jurisdictions,
        scheduledAt: row.scheduled_at?.toISOString() ?? null,
        dueAt: row.due_at?.toISOString() ?? null,
        overdue: isOverdue(row.due_at, now),
        waitingFor: stagesWaitingBefore(
          roundStages.filter((s) => s.submissionId === row.submission_id),
          row,
        ),
        lastSeenRevision,
        changesSinceLastSeen: await this.changesSince(manager, row.post_id, lastSeenRevision, row.revision),
      });
    }
    return items;
  }

  /**
   * One post as a reviewer opens it: the post with its stages and filings, the submission's
   * evaluation in the caller's language, earlier rounds, and a redline against the revision
   * the caller last decided on (or `since`).
   */
  async review(member: WorkspaceMember, postId: string, query: ReviewQueryDto, lang: Language): Promise<ReviewDto> {
    const manager = this.dataSource.manager;
    const post = await this.posts.find(member.workspaceId, postId, manager);
    const submission = await this.records.latestSubmission(manager, post.id, post.revision);
    const earlier = await manager.getRepository(ReviewStage).find({
      where: submission ? { postId: post.id, submissionId: Not(submission.id) } : { postId: post.id },
      order: { createdAt: 'DESC', position: 'ASC' },
    });
    const lastSeenRevision =
      query.since ?? (member.userId ? await this.records.lastDecidedRevision(manager, post.id, member.userId) : null);
    return {
      post: await this.view.postView(manager, post),
      submission: submission
        ? {
            id: submission.id,
            revision: submission.revision,
            contentHash: submission.contentHash,
            submittedBy: submission.submittedBy,
            submittedAt: submission.submittedAt.toISOString(),
            verdict: submission.verdict,
            packVersions: submission.packVersions,
            approvalValidityDays: submission.approvalValidityDays,
            evaluation: this.compliance.localize(submission.evaluation, lang),
          }
        : null,
      history: await this.view.stageViews(manager, earlier),
      lastSeenRevision,
      changesSinceLastSeen: await this.changesSince(manager, post.id, lastSeenRevision, post.revision),
    };
  }

  private async changesSince(
    manager: EntityManager,
    postId: string,
    seen: number | null,
    current: number,
  ): Promise<RedlineDto | null> {
    if (seen === null || seen === current) return null;
    const [before, after] = [
      await this.posts.revisionContent(manager, postId, seen),
      await this.posts.revisionContent(manager, postId, current),
    ];
    return { from: seen, to: current, ...redline(before, after) };
  }
}
