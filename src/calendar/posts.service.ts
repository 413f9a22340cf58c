import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConflictError, DomainRuleError, NotFoundError } from '../common/errors/app-error';
import { type FieldProblem, ValidationFailedError } from '../common/errors/validation-details';
import { bodyLengthProblems } from '../compliance/body-length.constraint';
import { ComplianceService } from '../compliance/compliance.service';
import { MediaAttachments } from '../media/media-attachments.service';
import type { WorkspaceMember } from '../common/domain/actor';
import { Submission } from '../workflow/entities/submission.entity';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { CALENDAR_I18N_NAMESPACE } from './calendar-i18n';
import { toPostDto } from './post-dto';
import { TxEvents } from '../common/events/tx-events';
import { PostEdited } from './post-events';
import { Clock } from '../common/clock/clock';
import { I18nService, type Language } from '../i18n/i18n.service';
import { assertScheduledInFuture } from './domain/future-schedule';
import { assertPlacement } from './domain/placement';
import { contentHash, type PostContent } from './domain/post-content';
import type { PostStatus } from './domain/post-vocabulary';
import { redline } from './domain/redline';
import { resolveScheduledAt } from './domain/schedule-time';
import {
  scheduleProblem,
  type CreatePostDto,
  type PostDto,
  type RedlineDto,
  type RevisionDto,
  type UpdatePostDto,
} from './dto/post.dto';
import { Campaign } from './entities/campaign.entity';
import { PostRevision } from './entities/post-revision.entity';
import { Post } from './entities/post.entity';

@Injectable()
export class PostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
    private readonly transitions: PostTransitionsService,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
    private readonly media: MediaAttachments,
    private readonly events: TxEvents,
  ) {}

  async create(member: WorkspaceMember, dto: CreatePostDto): Promise<PostDto> {
    return this.dataSource.transaction(async (tx) => {
      const content: PostContent = {
        title: dto.title,
        body: dto.body,
        locale: dto.locale,
        productCategory: dto.productCategory,
        communicationType: dto.communicationType,
        audience: dto.audience,
        interactive: dto.interactive ?? false,
        paid: dto.paid ?? false,
        influencer: dto.influencer ?? false,
        platformAd: dto.platformAd ?? false,
        channels: dto.channels,
        jurisdictions: dto.jurisdictions,
        links: dto.links ?? [],
        media: [],
        campaignId: dto.campaignId ?? null,
        brandId: dto.brandId,
        scheduledAt: null,
        timezone: dto.timezone,
      };
      const schedule = dto.scheduledAt === undefined ? null : this.resolveSchedule(dto.scheduledAt, dto.timezone);
      const media = await this.media.resolve(member.workspaceId, dto.media ?? [], content.channels);
      content.media = media.media;
      this.refuseBadFields([...(schedule?.problems ?? []), ...this.jurisdictionProblems(content), ...media.problems]);
      content.scheduledAt = schedule?.instant ?? null;
      assertScheduledInFuture(content.scheduledAt ? new Date(content.scheduledAt) : null, this.clock.now());
      const { authorName } = await this.checkReferences(tx, member.workspaceId, content, member.userId);
      const hash = contentHash(content);
      // The INSERT returns what the database fills (id, times, defaults); the author's name came
      // with the reference check, so nothing is read back.
      const post = await tx.getRepository(Post).save({
        ...content,
        scheduledAt: content.scheduledAt ? new Date(content.scheduledAt) : null,
        workspaceId: member.workspaceId,
        createdBy: member.userId,
        status: 'draft' as PostStatus,
        statusReason: null,
        complianceAlert: null,
        revision: 1,
        contentHash: hash,
      });
      await tx
        .getRepository(PostRevision)
        .insert({ postId: post.id, number: 1, authorId: member.userId, content, contentHash: hash });
      const created = toPostDto({ ...post, authorName } as Post);
      // The audit entry last: its chain lock is held until commit and serialises the workspace's writers.
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'post.created',
          subject: `post:${post.id}`,
          data: { revision: 1, contentHash: hash },
        },
        tx,
      );
      return created;
    });
  }

  /** A change to a post: a new immutable revision, or 409 when `revision` is not the current one. */
  async update(member: WorkspaceMember, id: string, dto: UpdatePostDto): Promise<PostDto> {
    return this.dataSource.transaction(async (tx) => {
      const post = await this.lockPost(tx, member.workspaceId, id);
      if (dto.revision !== post.revision) {
        throw new ConflictError(
          'STALE_REVISION',
          'errors.staleRevision',
          { given: dto.revision, current: post.revision },
          { currentRevision: post.revision },
        );
      }
      // The time comes from the post: a reschedule that kept the approvals moved it without a revision.
      const previous = {
        ...(await this.revisionContent(tx, post.id, post.revision)),
        scheduledAt: post.scheduledAt?.toISOString() ?? null,
        timezone: post.timezone,
      };
      const next = await this.nextContent(member.workspaceId, dto, previous);
      const hash = contentHash(next);
      if (hash === post.contentHash) return toPostDto(post);
      // Only a new time has to lie ahead; an edit to the text of a post whose time has passed is still recorded.
      if (next.scheduledAt !== previous.scheduledAt) {
        assertScheduledInFuture(next.scheduledAt ? new Date(next.scheduledAt) : null, this.clock.now());
      }
      await this.checkReferences(tx, member.workspaceId, next);
      return toPostDto(await this.writeRevision(tx, member, post, { previous, next, number: post.revision + 1, hash }));
    });
  }

  /** The content after an update (the stored content with the given fields), or a 400 naming every bad field. */
  private async nextContent(workspaceId: string, dto: UpdatePostDto, previous: PostContent): Promise<PostContent> {
    const { revision: _revision, scheduledAt, ...changes } = dto;
    const timezone = changes.timezone ?? previous.timezone;
    const schedule = typeof scheduledAt === 'string' ? this.resolveSchedule(scheduledAt, timezone) : null;
    const media = await this.nextMedia(workspaceId, dto, previous);
    const next: PostContent = {
      ...previous,
      ...stripUndefined(changes),
      media: media.media,
      campaignId: dto.campaignId === undefined ? previous.campaignId : dto.campaignId,
      // An instant stays the same instant when only the display zone changes.
      scheduledAt: scheduledAt === undefined ? previous.scheduledAt : (schedule?.instant ?? null),
      timezone,
    };
    this.refuseBadFields([
      ...(schedule?.problems ?? []),
      ...this.jurisdictionProblems(next),
      // The DTO checks a body against the channels it names; a merged update needs the stored half too.
      ...(dto.body !== undefined || dto.channels !== undefined ? bodyLengthProblems(next.body, next.channels) : []),
      ...media.problems,
    ]);
    return next;
  }

  /**
   * Stores a new revision of a locked post: back to draft, the
   * revision row, the post's copy, the audit entry, the event.
   */
  private async writeRevision(
    tx: EntityManager,
    member: WorkspaceMember,
    post: Post,
    revision: { previous: PostContent; next: PostContent; number: number; hash: string },
  ): Promise<Post> {
    const { next, number, hash } = revision;
    const previousStatus = post.status;
    // Back to draft through the one writer of statuses (audit entry, feed SEQUENCE raised).
    await this.transitions.apply(tx, post, 'edit', member.actor);
    await tx
      .getRepository(PostRevision)
      .save({ postId: post.id, number, authorId: member.userId, content: next, contentHash: hash });
    await tx.getRepository(Post).update(
      { id: post.id },
      // A new revision is judged afresh: an alert about the previous one no longer applies.
      {
        ...next,
        scheduledAt: next.scheduledAt ? new Date(next.scheduledAt) : null,
        revision: number,
        contentHash: hash,
        complianceAlert: null,
      },
    );
    const saved = await tx.getRepository(Post).findOneByOrFail({ id: post.id });
    await this.recordRevised(tx, member, post.id, revision);
    await this.events.emit(tx, PostEdited, { post: saved, previousStatus, member });
    return saved;
  }

  /** Media are checked again when either they or the channels change (each network has its limits). */
  private async nextMedia(
    workspaceId: string,
    dto: UpdatePostDto,
    previous: PostContent,
  ): Promise<{ media: PostContent['media']; problems: FieldProblem[] }> {
    if (dto.media === undefined && dto.channels === undefined) return { media: previous.media, problems: [] };
    return this.media.resolve(workspaceId, dto.media ?? previous.media, dto.channels ?? previous.channels);
  }

  private async recordRevised(
    tx: EntityManager,
    member: WorkspaceMember,
    postId: string,
    revision: { previous: PostContent; next: PostContent; number: number; hash: string },
  ): Promise<void> {
    const changed = redline(revision.previous, revision.next).fields.map((f) => f.field as string);
    if (revision.previous.body !== revision.next.body) changed.push('body');
    await this.audit.record(
      {
        workspaceId: member.workspaceId,
        actor: member.actor,
        action: 'post.revised',
        subject: `post:${postId}`,
        data: { revision: revision.number, contentHash: revision.hash, changed },
      },
      tx,
    );
  }

  /**
   * Deletes a draft that never went to review: the row is kept, marked deleted (every read leaves
   * it out), and the audit trail records who deleted it. A post that was ever submitted is
   * evidence of a review; it can be withdrawn, not deleted (409 POST_SUBMITTED).
   */
  async remove(member: WorkspaceMember, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const post = await this.lockPost(tx, member.workspaceId, id);
      if (await tx.getRepository(Submission).exists({ where: { postId: post.id } })) {
        throw new ConflictError('POST_SUBMITTED', `${CALENDAR_I18N_NAMESPACE}:errors.postSubmitted`, { id: post.id });
      }
      // The feed SEQUENCE rises with every change a calendar client must see; disappearing is one.
      await tx.getRepository(Post).update({ id: post.id }, { feedSequence: post.feedSequence + 1 });
      await tx.getRepository(Post).softDelete({ id: post.id });
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'post.deleted',
          subject: `post:${post.id}`,
          data: { revision: post.revision, contentHash: post.contentHash, status: post.status },
        },
        tx,
      );
    });
  }

  /** The post; why it is held, failed or missed is also said in the reader's language (`statusReason.message`). */
  async get(workspaceId: string, id: string, lang: Language = 'en'): Promise<PostDto> {
    const dto = toPostDto(await this.find(workspaceId, id));
    const reason = dto.statusReason;
    if (reason && typeof reason.messageKey === 'string') {
      dto.statusReason = { ...reason, message: this.i18n.t(reason.messageKey, lang, reason) };
    }
    return dto;
  }

  /** Records (or clears) the rule-change alert of a post; the caller holds the post's row lock. */
  async setComplianceAlert(tx: EntityManager, postId: string, alert: Record<string, unknown> | null): Promise<void> {
    await tx.query('UPDATE posts SET compliance_alert = $2 WHERE id = $1', [
      postId,
      alert === null ? null : JSON.stringify(alert),
    ]);
  }

  /** The post of this workspace, or a 404 (also for another workspace's post). */
  async find(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Post> {
    const post = await manager.getRepository(Post).findOne({ where: { id, workspaceId } });
    if (!post) throw new NotFoundError('post', id);
    return post;
  }

  /** Locks the post row for the rest of the transaction (serialises writers of one post). */
  async lockPost(tx: EntityManager, workspaceId: string, id: string): Promise<Post> {
    const post = await tx
      .getRepository(Post)
      .findOne({ where: { id, workspaceId }, lock: { mode: 'pessimistic_write' } });
    if (!post) throw new NotFoundError('post', id);
    return post;
  }

  async revisionContent(manager: EntityManager, postId: string, number: number): Promise<PostContent> {
    const revision = await manager.getRepository(PostRevision).findOne({ where: { postId, number } });
    if (!revision) throw new NotFoundError('revision', String(number));
    return revision.content;
  }

  async revisions(workspaceId: string, id: string): Promise<RevisionDto[]> {
    await this.find(workspaceId, id);
    const rows = await this.dataSource
      .getRepository(PostRevision)
      .find({ where: { postId: id }, order: { number: 'ASC' } });
    return rows.map((r) => ({
      number: r.number,
      contentHash: r.contentHash,
      authorId: r.authorId,
      createdAt: r.createdAt.toISOString(),
      content: { ...r.content },
    }));
  }

  async diff(workspaceId: string, id: string, number: number, against: number): Promise<RedlineDto> {
    await this.find(workspaceId, id);
    const manager = this.dataSource.manager;
    const [after, before] = await Promise.all([
      this.revisionContent(manager, id, number),
      this.revisionContent(manager, id, against),
    ]);
    return { from: against, to: number, ...redline(before, after) };
  }

  /** The UTC instant of a schedule, or the problems with it (a DST gap or overlap names both readings). */
  private resolveSchedule(value: string, timezone: string): { instant: string | null; problems: FieldProblem[] } {
    const resolved = resolveScheduledAt(value, timezone, { refuseAmbiguous: true });
    if (resolved.ok) return { instant: resolved.instant.toISOString(), problems: [] };
    const problem = scheduleProblem(resolved, value, timezone);
    return {
      instant: null,
      problems: [{ field: problem.code === 'isIanaTimeZone' ? 'timezone' : 'scheduledAt', ...problem }],
    };
  }

  /**
   * A new time for a post (a reschedule): the UTC instant, else a 400
   * naming the field (DST gap or overlap) or a 422 when it is past.
   */
  futureScheduleInstant(value: string, timezone: string): Date {
    const { instant, problems } = this.resolveSchedule(value, timezone);
    this.refuseBadFields(problems);
    const at = new Date(instant!);
    assertScheduledInFuture(at, this.clock.now());
    return at;
  }

  private jurisdictionProblems(content: PostContent): FieldProblem[] {
    const unknown = content.jurisdictions.filter((code) => !this.compliance.hasJurisdiction(code));
    return unknown.length > 0
      ? [{ field: 'jurisdictions', code: 'isKnownJurisdiction', params: { value: unknown.join(', ') } }]
      : [];
  }

  private refuseBadFields(problems: FieldProblem[]): void {
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }

  /**
   * Brand and campaign must be of this workspace and agree; a platform ad must be paid. The
   * author's name (of `authorId`) comes back from the brand's query, which saves a create its read-back.
   */
  private async checkReferences(
    tx: EntityManager,
    workspaceId: string,
    content: PostContent,
    authorId: string | null = null,
  ): Promise<{ authorName: string | null }> {
    assertPlacement(content);
    const [found] = await tx.query<{ brand: boolean; author_name: string | null }[]>(
      `SELECT EXISTS (SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2) AS brand,
              (SELECT name FROM users WHERE id = $3) AS author_name`,
      [content.brandId, workspaceId, authorId],
    );
    if (!found.brand) throw new NotFoundError('brand', content.brandId);
    if (content.campaignId) {
      const campaign = await tx.getRepository(Campaign).findOne({ where: { id: content.campaignId, workspaceId } });
      if (!campaign) throw new NotFoundError('campaign', content.campaignId);
      if (campaign.brandId !== content.brandId) {
        throw new DomainRuleError('CAMPAIGN_BRAND_MISMATCH', 'errors.campaignBrandMismatch', {
          campaignId: campaign.id,
          brandId: content.brandId,
        });
      }
    }
    return { authorName: found.author_name };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
