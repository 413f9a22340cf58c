import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addBusinessDays, US_FEDERAL_CALENDAR } from '@preclear/rules-engine';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Post } from '../calendar/entities/post.entity';
import { PostsService } from '../calendar/posts.service';
import { ConflictError, DomainRuleError } from '../common/errors/app-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type Page } from '../common/http/pagination';
import { actorLabel, type WorkspaceMember } from '../common/domain/actor';
import type { FilingDto, FilingsQueryDto, RecordFilingDto, WorkflowPostDto } from './dto/workflow.dto';
import { Filing } from './entities/filing.entity';
import type { AppliedTransition } from './post-transitions.service';
import { ReviewRecordsService } from './review-records.service';
import { ReviewRoundsService } from './review-rounds.service';
import { Clock } from '../common/clock/clock';
import { WorkflowViewService } from './workflow-view.service';

/** A filing stamped a little ahead of our clock is clock skew, not a filing from the future. */
const FILED_AT_TOLERANCE_MS = 5 * 60_000;

const NO_DUE_DATE = 'infinity';

/**
 * Regulator filings the packs require (FINRA Rule 2210 today). Business days are counted on
 * the US federal calendar, the calendar FINRA counts on, with the engine's helper.
 */
@Injectable()
export class FilingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly posts: PostsService,
    private readonly audit: AuditService,
    private readonly records: ReviewRecordsService,
    private readonly rounds: ReviewRoundsService,
    private readonly view: WorkflowViewService,
    private readonly clock: Clock,
  ) {}

  /** First use starts the post-use filing clock; publishing reports it through the state machine (PostTransitioned). */
  async onTransitioned(tx: EntityManager, applied: readonly AppliedTransition[]): Promise<void> {
    const published = applied.filter(({ change }) => change.event === 'publish_succeeded').map(({ post }) => post);
    if (published.length > 0) await this.startPostUseClocks(tx, published);
  }

  /**
   * Records a filing the packs require for the current revision. A pre-use filing sets the
   * earliest publication (N business days later) and, when that is no later than the
   * scheduled time, lets the approved post onto the schedule.
   */
  async record(member: WorkspaceMember, postId: string, dto: RecordFilingDto): Promise<WorkflowPostDto> {
    const filedAt = new Date(dto.filedAt);
    return this.dataSource.transaction(async (tx) => {
      const post = await this.posts.lockPost(tx, member.workspaceId, postId);
      const filings = (await this.records.revisionFilings(tx, post.id, post.revision)).filter(
        (f) => f.regulator.toLowerCase() === dto.regulator.toLowerCase(),
      );
      if (filings.length === 0) {
        const required = (await this.records.revisionFilings(tx, post.id, post.revision)).map(
          (f) => `${f.regulator} (${f.timing})`,
        );
        throw new DomainRuleError('FILING_NOT_REQUIRED', 'workflow:errors.filingNotRequired', {
          regulator: dto.regulator,
          required: required.join(', ') || '-',
        });
      }
      const filing = filings.find((f) => f.status === 'pending');
      if (!filing) {
        throw new ConflictError('FILING_ALREADY_RECORDED', 'workflow:errors.filingAlreadyRecorded', {
          regulator: filings[0].regulator,
          reference: filings[0].reference ?? '-',
        });
      }
      if (filedAt.getTime() > this.clock.now().getTime() + FILED_AT_TOLERANCE_MS) {
        throw new DomainRuleError('FILED_AT_IN_FUTURE', 'workflow:errors.filedAtInFuture', {
          filedAt: filedAt.toISOString(),
        });
      }
      assertFilingMoment(filing, post);

      filing.status = 'filed';
      filing.reference = dto.reference;
      filing.filedAt = filedAt;
      filing.filedBy = actorLabel(member.actor);
      filing.earliestPublishAt =
        filing.timing === 'pre' ? addBusinessDays(filedAt, filing.businessDays, US_FEDERAL_CALENDAR) : null;
      await tx.getRepository(Filing).save(filing);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'workflow.filing_recorded',
          subject: `post:${post.id}`,
          data: {
            regulator: filing.regulator,
            when: filing.timing,
            reference: filing.reference,
            filedAt: filedAt.toISOString(),
            revision: filing.revision,
            contentHash: filing.contentHash,
            earliestPublishAt: filing.earliestPublishAt?.toISOString() ?? null,
          },
        },
        tx,
      );
      if (filing.timing === 'pre') await this.rounds.offerToSchedule(tx, post, member.actor);
      return this.view.postView(tx, post);
    });
  }

  /** Filings of the workspace by deadline; `due` keeps the ones someone must make now. */
  async list(workspaceId: string, query: FilingsQueryDto): Promise<Page<FilingDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource
      .getRepository(Filing)
      .createQueryBuilder('f')
      .innerJoin(Post, 'p', 'p.id = f.post_id')
      .where('f.workspace_id = :workspaceId AND f.status <> :void', { workspaceId, void: 'void' })
      .orderBy(`COALESCE(f.file_by, '${NO_DUE_DATE}'::timestamptz)`, 'ASC')
      .addOrderBy('f.id', 'ASC')
      .limit(limit);
    if (query.postId) qb.andWhere('f.post_id = :postId', { postId: query.postId });
    if (query.due) {
      qb.andWhere('f.status = :pending', { pending: 'pending' }).andWhere(
        `((f.timing = 'pre' AND p.status = 'approved' AND p.revision = f.revision) OR (f.timing = 'post' AND f.published_at IS NOT NULL))`,
      );
    }
    if (query.cursor) {
      const [fileBy, id] = decodeCursor(
        query.cursor,
        2,
        ([at, uuid]) => (at === NO_DUE_DATE || !Number.isNaN(Date.parse(at))) && /^[0-9a-f-]{36}$/i.test(uuid),
      );
      qb.andWhere(
        `(COALESCE(f.file_by, '${NO_DUE_DATE}'::timestamptz), f.id) > (CAST(:fileBy AS timestamptz), CAST(:id AS uuid))`,
        { fileBy, id },
      );
    }
    const rows = await qb.getMany();
    const last = rows[rows.length - 1];
    return {
      items: rows.map((f) => this.view.filingView(f)),
      nextCursor: rows.length === limit ? encodeCursor([last.fileBy?.toISOString() ?? NO_DUE_DATE, last.id]) : null,
    };
  }

  /** First use starts the clock of each pending post-use filing: due N business days later. */
  private async startPostUseClocks(tx: EntityManager, posts: readonly Post[]): Promise<void> {
    const publishedAt = this.clock.now();
    const revisionOf = new Map(posts.map((p) => [p.id, p.revision]));
    const pending = await tx.getRepository(Filing).find({
      where: { postId: In([...revisionOf.keys()]), timing: 'post', status: 'pending', publishedAt: IsNull() },
    });
    for (const filing of pending) {
      if (revisionOf.get(filing.postId) !== filing.revision) continue;
      await tx
        .getRepository(Filing)
        .update(
          { id: filing.id },
          { publishedAt, fileBy: addBusinessDays(publishedAt, filing.businessDays, US_FEDERAL_CALENDAR) },
        );
    }
  }
}

/**
 * FINRA wants the principal's approval before a pre-use filing, and a post-use filing
 * follows first use: a filing recorded at any other moment would describe something else.
 */
function assertFilingMoment(filing: Filing, post: Post): void {
  if (filing.timing === 'pre' && post.status !== 'approved') {
    throw new DomainRuleError('FILING_BEFORE_APPROVAL', 'workflow:errors.filingBeforeApproval', {
      status: post.status,
    });
  }
  if (filing.timing === 'post' && filing.publishedAt === null) {
    throw new DomainRuleError('FILING_BEFORE_USE', 'workflow:errors.filingBeforeUse', {});
  }
}
