import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Post } from '../calendar/entities/post.entity';
import { ForbiddenError, NotFoundError } from '../common/errors/app-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { I18nService, SUPPORTED_LANGUAGES, type Language } from '../i18n/i18n.service';
import type { WorkspaceMember } from '../identity/actor';
import { hasAnyRole } from '../identity/actor';
import { Membership } from '../identity/entities/membership.entity';
import type { Role } from '../identity/roles';
import { ReviewStage } from '../workflow/entities/review-stage.entity';
import type { CreatedFeedDto, CreateFeedDto, FeedDto } from './dto/feed.dto';
import { Feed } from './entities/feed.entity';
import { postEvent, stageEvent, type FeedLabels, type FeedLinks, type PostForFeed, type StageForFeed } from './feed-events';
import { feedWindow, type FeedFilter } from './feed-filter';
import { FeedRenderer, type FeedEvent, type RenderedFeed } from './ics';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';

/** 128 bits is the floor; 256 costs nothing more. */
const TOKEN_BYTES = 32;
/** Rendered feeds kept per process, keyed by feed and data version (enough for every active feed of a large team). */
const RENDERED_CACHE_SIZE = 500;

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface FeedResponse {
  rendered: RenderedFeed;
}

@Injectable()
export class FeedsService implements OnModuleInit {
  /** One renderer per process: its event-block cache is shared by every feed. */
  private readonly renderer = new FeedRenderer();
  private readonly rendered = new Map<string, { version: string; feed: RenderedFeed }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly i18n: I18nService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.i18n.addNamespace('feeds', { en, de, nl, pl, fr, es });
  }

  async create(member: WorkspaceMember, dto: CreateFeedDto): Promise<CreatedFeedDto> {
    if (!member.userId) throw new ForbiddenError('FEED_NEEDS_USER', 'feeds:errors.needsUser');
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const filter: FeedFilter = { ...(dto.filter ?? {}) };
    const feed = await this.dataSource.transaction(async (tx) => {
      const saved = await tx.getRepository(Feed).save({ workspaceId: member.workspaceId, userId: member.userId!, name: dto.name, filter, tokenHash: hashFeedToken(token) });
      await this.audit.record({ workspaceId: member.workspaceId, actor: member.actor, action: 'feed.created', subject: `feed:${saved.id}`, data: { name: dto.name, filter: { ...filter } } }, tx);
      return saved;
    });
    const url = `${this.config.publicUrl}/feeds/${token}.ics`;
    return { ...toFeedDto(feed), url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  async list(member: WorkspaceMember): Promise<FeedDto[]> {
    const where = hasAnyRole(member, ['admin']) ? { workspaceId: member.workspaceId } : { workspaceId: member.workspaceId, userId: member.userId ?? '' };
    const feeds = await this.dataSource.getRepository(Feed).find({ where, order: { createdAt: 'ASC' } });
    return feeds.map(toFeedDto);
  }

  /** The owner or an admin revokes a feed; its URL answers 404 from then on. */
  async revoke(member: WorkspaceMember, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const feed = await tx.getRepository(Feed).findOne({ where: { id, workspaceId: member.workspaceId }, lock: { mode: 'pessimistic_write' } });
      if (!feed || feed.revokedAt || (feed.userId !== member.userId && !hasAnyRole(member, ['admin']))) throw new NotFoundError('feed', id);
      await tx.getRepository(Feed).update({ id }, { revokedAt: new Date() });
      await this.audit.record({ workspaceId: member.workspaceId, actor: member.actor, action: 'feed.revoked', subject: `feed:${id}` }, tx);
    });
    for (const key of this.rendered.keys()) if (key.startsWith(`${id}:`)) this.rendered.delete(key);
  }

  /**
   * The feed behind a token, rendered or from cache. The cache key includes a cheap data
   * version (a few aggregates), so a conditional request costs three small queries and no
   * rendering. Unknown or revoked tokens are a 404, never an empty calendar (which would
   * wipe the subscriber's events).
   */
  async render(token: string, now = new Date()): Promise<RenderedFeed> {
    const feed = await this.dataSource.getRepository(Feed).findOne({ where: { tokenHash: hashFeedToken(token) } });
    if (!feed || feed.revokedAt) throw new NotFoundError('feed', 'token');
    const membership = await this.dataSource.getRepository(Membership).findOne({ where: { workspaceId: feed.workspaceId, userId: feed.userId } });
    if (!membership) throw new NotFoundError('feed', 'token');

    const window = feedWindow(now);
    const { version, lastChange } = await this.dataVersion(feed, membership, window);
    const cached = this.rendered.get(feed.id);
    if (cached && cached.version === version) return cached.feed;

    const language = (SUPPORTED_LANGUAGES as readonly string[]).includes(membership.language) ? (membership.language as Language) : 'en';
    const rendered = this.renderer.render({
      name: feed.name,
      description: `Preclear`,
      // A post that left the feed changed it too: the newest change in the workspace, not only of the events shown.
      lastModified: lastChange && lastChange > feed.createdAt ? lastChange : feed.createdAt,
      events: await this.events(feed, membership, window, language),
    });
    this.remember(feed.id, version, rendered);
    return rendered;
  }

  private remember(feedId: string, version: string, feed: RenderedFeed): void {
    this.rendered.delete(feedId);
    this.rendered.set(feedId, { version, feed });
    if (this.rendered.size > RENDERED_CACHE_SIZE) this.rendered.delete(this.rendered.keys().next().value!);
  }

  /** Changes whenever anything the feed shows may have changed: posts, open stages, roles, the window's day. */
  private async dataVersion(feed: Feed, membership: Membership, window: { from: Date }): Promise<{ version: string; lastChange: Date | null }> {
    const [row] = await this.dataSource.query<{ last_post: Date | null; posts: string; stages: string }[]>(
      `SELECT
         (SELECT max(updated_at) FROM posts WHERE workspace_id = $1) AS last_post,
         (SELECT count(*) FROM posts WHERE workspace_id = $1) AS posts,
         (SELECT coalesce(max(created_at)::text, '') || '/' || count(*) FROM review_stages WHERE workspace_id = $1 AND status = 'open') AS stages`,
      [feed.workspaceId],
    );
    const lastChange = row.last_post ? new Date(row.last_post) : null;
    const version = [lastChange?.toISOString() ?? '', row.posts, row.stages, membership.roles.join(','), membership.language, window.from.toISOString()].join('|');
    return { version, lastChange };
  }

  private async events(feed: Feed, membership: Membership, window: { from: Date; to: Date }, language: Language): Promise<FeedEvent[]> {
    const filter = feed.filter;
    const qb = this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .where('p.workspace_id = :ws', { ws: feed.workspaceId })
      .andWhere('p.scheduled_at >= :from AND p.scheduled_at < :to', { from: window.from, to: window.to })
      .andWhere("p.status NOT IN ('rejected', 'withdrawn')")
      .orderBy('p.scheduled_at', 'ASC')
      .addOrderBy('p.id', 'ASC');
    if (filter.jurisdictions?.length) qb.andWhere('p.jurisdictions && :jurisdictions', { jurisdictions: filter.jurisdictions });
    if (filter.channels?.length) qb.andWhere('p.channels && :channels', { channels: filter.channels });
    if (filter.campaignId) qb.andWhere('p.campaign_id = :campaignId', { campaignId: filter.campaignId });
    if (filter.statuses?.length) qb.andWhere('p.status IN (:...statuses)', { statuses: filter.statuses });
    const posts = (await qb.getMany()) as (Post & { scheduledAt: Date })[];

    const stagesByPost = await this.liveStages(feed.workspaceId, posts.map((p) => p.id));
    const label: FeedLabels = (key) => this.i18n.t(`feeds:${key}`, language);
    const links: FeedLinks = {
      uidDomain: new URL(this.config.publicUrl).hostname,
      postUrl: (post) => `${this.config.publicUrl}/api/v1/workspaces/${post.workspaceId}/posts/${post.id}`,
    };
    const events: FeedEvent[] = [];
    for (const post of posts) {
      const stages = stagesByPost.get(post.id) ?? [];
      const forFeed = toPostForFeed(post);
      if (!filter.mine || post.createdBy === feed.userId) {
        const event = postEvent(forFeed, stages, links, label);
        if (event) events.push(event);
      }
      if (filter.mine) {
        for (const stage of stages) {
          if (stage.open && stage.dueAt && membership.roles.includes(stage.role as Role) && post.createdBy !== feed.userId) {
            // The stage's time moves only with its post, so the post's SEQUENCE serves it too.
            events.push(stageEvent(forFeed, { ...stage, dueAt: stage.dueAt, sequence: post.feedSequence }, links, label));
          }
        }
      }
    }
    return events;
  }

  /** The stages of the current review round of each post (void ones are history, not shown). */
  private async liveStages(workspaceId: string, postIds: string[]): Promise<Map<string, LiveStage[]>> {
    const byPost = new Map<string, LiveStage[]>();
    if (postIds.length === 0) return byPost;
    const rows = await this.dataSource
      .getRepository(ReviewStage)
      .createQueryBuilder('s')
      .where('s.workspace_id = :workspaceId AND s.post_id IN (:...postIds)', { workspaceId, postIds })
      .andWhere("s.status <> 'void'")
      .orderBy('s.position', 'ASC')
      .getMany();
    for (const s of rows) {
      const list = byPost.get(s.postId) ?? [];
      list.push({ postId: s.postId, stage: s.stage, role: s.role, dueAt: s.dueAt, updatedAt: s.createdAt, open: s.status === 'open' });
      byPost.set(s.postId, list);
    }
    return byPost;
  }
}

/** A stage of the current review round; only open ones with a due time become events. */
type LiveStage = Omit<StageForFeed, 'dueAt' | 'sequence'> & { dueAt: Date | null; open: boolean };

function toPostForFeed(post: Post & { scheduledAt: Date }): PostForFeed {
  return {
    id: post.id,
    workspaceId: post.workspaceId,
    title: post.title,
    status: post.status,
    scheduledAt: post.scheduledAt,
    timezone: post.timezone,
    jurisdictions: post.jurisdictions,
    channels: post.channels,
    feedSequence: post.feedSequence,
    updatedAt: post.updatedAt,
  };
}

function toFeedDto(feed: Feed): FeedDto {
  return { id: feed.id, name: feed.name, filter: feed.filter, createdAt: feed.createdAt.toISOString(), revokedAt: feed.revokedAt?.toISOString() ?? null };
}
