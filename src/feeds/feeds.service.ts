import { DateTime } from 'luxon';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Campaign } from '../calendar/entities/campaign.entity';
import { sha256Hex } from '../common/domain/canonical-json';
import type { PostStatus } from '../calendar/domain/post-vocabulary';
import { ForbiddenError, NotFoundError } from '../common/errors/app-error';
import { preparedQuery } from '../database/prepared-query';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { I18nService, SUPPORTED_LANGUAGES, type Language } from '../i18n/i18n.service';
import type { WorkspaceMember } from '../common/domain/actor';
import { hasAnyRole } from '../common/domain/actor';
import type { Role } from '../identity/roles';
import type { CreatedFeedDto, CreateFeedDto, FeedDto } from './dto/feed.dto';
import { Feed } from './entities/feed.entity';
import {
  postEvent,
  stageEvent,
  type FeedLabels,
  type FeedLinks,
  type PostForFeed,
  type StageForFeed,
} from './feed-events';
import { feedWindow, type FeedFilter } from './feed-filter';
import { FeedRenderer, type FeedEvent, type RenderedFeed } from './ics';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import { Clock } from '../common/clock/clock';

/** 128 bits is the floor; 256 costs nothing more. */
const TOKEN_BYTES = 32;
/** Rendered feeds kept per process, keyed by feed and data version (enough for every active feed of a large team). */
const RENDERED_CACHE_SIZE = 500;

export function hashFeedToken(token: string): string {
  return sha256Hex(token);
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
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.i18n.addNamespace('feeds', { en, de, nl, pl, fr, es });
  }

  async create(member: WorkspaceMember, dto: CreateFeedDto): Promise<CreatedFeedDto> {
    if (!member.userId) throw new ForbiddenError('FEED_NEEDS_USER', 'feeds:errors.needsUser');
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const filter: FeedFilter = { ...(dto.filter ?? {}) };
    const feed = await this.dataSource.transaction(async (tx) => {
      // A campaign of another workspace would only ever give an empty feed; say it does not exist, as everywhere else.
      if (
        filter.campaignId &&
        !(await tx
          .getRepository(Campaign)
          .exists({ where: { id: filter.campaignId, workspaceId: member.workspaceId } }))
      ) {
        throw new NotFoundError('campaign', filter.campaignId);
      }
      const saved = await tx.getRepository(Feed).save({
        workspaceId: member.workspaceId,
        userId: member.userId!,
        name: dto.name,
        filter,
        tokenHash: hashFeedToken(token),
      });
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'feed.created',
          subject: `feed:${saved.id}`,
          data: { name: dto.name, filter: { ...filter } },
        },
        tx,
      );
      return saved;
    });
    const url = `${this.config.publicUrl}/feeds/${token}.ics`;
    return { ...toFeedDto(feed), url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  async list(member: WorkspaceMember): Promise<FeedDto[]> {
    const where = hasAnyRole(member, ['admin'])
      ? { workspaceId: member.workspaceId }
      : { workspaceId: member.workspaceId, userId: member.userId ?? '' };
    const feeds = await this.dataSource.getRepository(Feed).find({ where, order: { createdAt: 'ASC' } });
    return feeds.map(toFeedDto);
  }

  /** The owner or an admin revokes a feed; its URL answers 404 from then on. */
  async revoke(member: WorkspaceMember, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const feed = await tx
        .getRepository(Feed)
        .findOne({ where: { id, workspaceId: member.workspaceId }, lock: { mode: 'pessimistic_write' } });
      if (!feed || feed.revokedAt || (feed.userId !== member.userId && !hasAnyRole(member, ['admin']))) {
        throw new NotFoundError('feed', id);
      }
      await tx.getRepository(Feed).update({ id }, { revokedAt: this.clock.now() });
      await this.audit.record(
        { workspaceId: member.workspaceId, actor: member.actor, action: 'feed.revoked', subject: `feed:${id}` },
        tx,
      );
    });
    for (const key of this.rendered.keys()) if (key.startsWith(`${id}:`)) this.rendered.delete(key);
  }

  /**
   * The feed behind a token, rendered or from cache. One query finds the feed, its member and a cheap data version (a
   * few indexed aggregates), as a prepared statement (its planning cost more than its execution); while the version
   * is unchanged a request costs that one query and no rendering, which is all a conditional GET answered 304 costs.
   * Unknown or revoked tokens are a 404, never an empty calendar (which would wipe the subscriber's events).
   */
  async render(token: string, now = this.clock.now()): Promise<RenderedFeed> {
    const window = feedWindow(now);
    const subscription = await this.findSubscription(hashFeedToken(token));
    if (!subscription) throw new NotFoundError('feed', 'token');
    // Posts are never deleted and every change (content or status) bumps updated_at, so the
    // newest updated_at sees new, changed and departed posts; stage decisions change the open stages.
    const version = [
      subscription.lastChange?.toISOString() ?? '',
      subscription.openStages,
      subscription.roles.join(','),
      subscription.language,
      window.from.toISOString(),
    ].join('|');
    const cached = this.rendered.get(subscription.id);
    if (cached && cached.version === version) return cached.feed;

    const language = (SUPPORTED_LANGUAGES as readonly string[]).includes(subscription.language)
      ? (subscription.language as Language)
      : 'en';
    const rendered = this.renderer.render({
      name: subscription.name,
      description: 'Preclear',
      // A post that left the feed changed it too: the newest change in the workspace, not only of the events shown.
      lastModified:
        subscription.lastChange && subscription.lastChange > subscription.createdAt
          ? subscription.lastChange
          : subscription.createdAt,
      events: await this.events(subscription, window, language),
    });
    this.remember(subscription.id, version, rendered);
    return rendered;
  }

  private async findSubscription(tokenHash: string): Promise<Subscription | null> {
    const rows = await preparedQuery<SubscriptionRow>(
      this.dataSource,
      'feeds.subscription-version',
      `SELECT f.id, f.workspace_id, f.user_id, f.name, f.filter, f.created_at, m.roles, m.language,
              (SELECT max(p.updated_at) FROM posts p WHERE p.workspace_id = f.workspace_id) AS last_change,
              (SELECT coalesce(max(s.created_at)::text, '') || '/' || count(*) FROM review_stages s
                WHERE s.workspace_id = f.workspace_id AND s.status = 'open') AS open_stages
         FROM feeds f
         JOIN memberships m ON m.workspace_id = f.workspace_id AND m.user_id = f.user_id
        WHERE f.token_hash = $1 AND f.revoked_at IS NULL`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      userId: row.user_id,
      name: row.name,
      filter: row.filter,
      createdAt: new Date(row.created_at),
      roles: row.roles,
      language: row.language,
      lastChange: row.last_change ? new Date(row.last_change) : null,
      openStages: row.open_stages,
    };
  }

  private remember(feedId: string, version: string, feed: RenderedFeed): void {
    this.rendered.delete(feedId);
    this.rendered.set(feedId, { version, feed });
    if (this.rendered.size > RENDERED_CACHE_SIZE) this.rendered.delete(this.rendered.keys().next().value!);
  }

  private async events(
    subscription: Subscription,
    window: { from: Date; to: Date },
    language: Language,
  ): Promise<FeedEvent[]> {
    const { filter } = subscription;
    const conditions = [
      'p.workspace_id = $1',
      'p.deleted_at IS NULL',
      'p.scheduled_at >= $2',
      'p.scheduled_at < $3',
      "p.status NOT IN ('rejected', 'withdrawn')",
    ];
    const params: unknown[] = [subscription.workspaceId, window.from, window.to];
    const bind = (value: unknown): string => `$${params.push(value)}`;
    if (filter.jurisdictions?.length) conditions.push(`p.jurisdictions && ${bind(filter.jurisdictions)}::text[]`);
    if (filter.channels?.length) conditions.push(`p.channels && ${bind(filter.channels)}::text[]`);
    if (filter.campaignId) conditions.push(`p.campaign_id = ${bind(filter.campaignId)}`);
    if (filter.statuses?.length) conditions.push(`p.status = ANY(${bind(filter.statuses)}::text[])`);
    // Plain rows, not entities: hydrating thousands of entities costs more than rendering them.
    const rows = await this.dataSource.query<PostRow[]>(
      `SELECT p.id, p.workspace_id, p.title, p.status, p.scheduled_at, p.timezone, p.jurisdictions, p.channels,
              p.feed_sequence, p.updated_at, p.created_by
         FROM posts p WHERE ${conditions.join(' AND ')} ORDER BY p.scheduled_at, p.id`,
      params,
    );
    const stagesByPost = await this.liveStages(subscription.workspaceId, window);
    const label = feedLabels(this.i18n, language);
    const links: FeedLinks = {
      uidDomain: new URL(this.config.publicUrl).hostname,
      // The web app page of the post (the JSON API would need a token a calendar app does not have).
      postUrl: (post) => `${this.config.publicUrl}/posts/${post.id}?workspace=${post.workspaceId}`,
    };
    const events: FeedEvent[] = [];
    for (const row of rows) {
      const post = toPostForFeed(row);
      const stages = stagesByPost.get(post.id) ?? [];
      const authored = row.created_by === subscription.userId;
      if (!filter.mine || authored) {
        const event = postEvent(post, stages, links, label);
        if (event) events.push(event);
      }
      if (!filter.mine || authored) continue;
      for (const stage of stages) {
        if (stage.open && stage.dueAt && subscription.roles.includes(stage.role as Role)) {
          // The stage's time moves only with its post, so the post's SEQUENCE serves it too.
          events.push(stageEvent(post, { ...stage, dueAt: stage.dueAt, sequence: post.feedSequence }, links, label));
        }
      }
    }
    return events;
  }

  /** The stages of the current review round of the workspace's posts in the window (void ones are history). */
  private async liveStages(workspaceId: string, window: { from: Date; to: Date }): Promise<Map<string, LiveStage[]>> {
    const rows = await this.dataSource.query<
      { post_id: string; stage: string; role: string; due_at: Date | null; created_at: Date; status: string }[]
    >(
      `SELECT s.post_id, s.stage, s.role, s.due_at, s.created_at, s.status
         FROM review_stages s JOIN posts p ON p.id = s.post_id
        WHERE s.workspace_id = $1 AND s.status <> 'void' AND p.scheduled_at >= $2 AND p.scheduled_at < $3
        ORDER BY s.post_id, s.position`,
      [workspaceId, window.from, window.to],
    );
    const byPost = new Map<string, LiveStage[]>();
    for (const s of rows) {
      const list = byPost.get(s.post_id) ?? [];
      list.push({
        postId: s.post_id,
        stage: s.stage,
        role: s.role,
        dueAt: s.due_at ? new Date(s.due_at) : null,
        updatedAt: new Date(s.created_at),
        open: s.status === 'open',
      });
      byPost.set(s.post_id, list);
    }
    return byPost;
  }
}

interface SubscriptionRow {
  id: string;
  workspace_id: string;
  user_id: string;
  name: string;
  filter: FeedFilter;
  created_at: Date;
  roles: Role[];
  language: string;
  last_change: Date | null;
  open_stages: string;
}

interface Subscription {
  id: string;
  workspaceId: string;
  userId: string;
  name: string;
  filter: FeedFilter;
  createdAt: Date;
  roles: Role[];
  language: string;
  lastChange: Date | null;
  openStages: string;
}

interface PostRow {
  id: string;
  workspace_id: string;
  title: string;
  status: PostStatus;
  scheduled_at: Date;
  timezone: string;
  jurisdictions: string[];
  channels: string[];
  feed_sequence: number;
  updated_at: Date;
  created_by: string | null;
}

/** A stage of the current review round; only open ones with a due time become events. */
type LiveStage = Omit<StageForFeed, 'dueAt' | 'sequence'> & { dueAt: Date | null; open: boolean };

function toPostForFeed(row: PostRow): PostForFeed {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    title: row.title,
    status: row.status,
    scheduledAt: new Date(row.scheduled_at),
    timezone: row.timezone,
    jurisdictions: row.jurisdictions,
    channels: row.channels,
    feedSequence: row.feed_sequence,
    updatedAt: new Date(row.updated_at),
  };
}

function toFeedDto(feed: Feed): FeedDto {
  return {
    id: feed.id,
    name: feed.name,
    filter: feed.filter,
    createdAt: feed.createdAt.toISOString(),
    revokedAt: feed.revokedAt?.toISOString() ?? null,
  };
}

/** Labels, stage and role names in the member's language; instants as that language writes them, in the post's zone. */
function feedLabels(i18n: I18nService, language: Language): FeedLabels {
  return Object.assign((key: string) => i18n.t(`feeds:${key}`, language), {
    stage: (code: string) => i18n.term('stage', code, language),
    role: (code: string) => i18n.term('role', code, language),
    time: (instant: Date, timezone: string) =>
      DateTime.fromJSDate(instant, { zone: timezone }).setLocale(language).toLocaleString(DateTime.DATETIME_FULL),
  });
}
