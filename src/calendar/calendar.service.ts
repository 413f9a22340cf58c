import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from '../common/errors/validation-details';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, type Page } from '../common/http/pagination';
import type { Channel, PostStatus } from './domain/post-vocabulary';
import { resolveScheduledAt, toLocalIso } from './domain/schedule-time';
import type { CalendarEntriesQueryDto, CalendarEntryDto } from './dto/calendar-entry.dto';
import type { CalendarQueryDto } from './dto/calendar-query.dto';
import type { PostDto } from './dto/post.dto';
import { Post } from './entities/post.entity';
import { toPostDto } from './post-dto';

/** The columns a calendar entry shows, read without hydrating whole posts. */
interface EntryRow {
  id: string;
  title: string;
  status: PostStatus;
  revision: number;
  brand_id: string;
  campaign_id: string | null;
  created_by: string | null;
  author_name: string | null;
  channels: Channel[];
  jurisdictions: string[];
  scheduled_at: Date;
  timezone: string;
  compliance_alert: boolean;
}

@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Scheduled posts with `scheduledAt` in [from, to), by time then id, keyset-paginated. */
  async query(workspaceId: string, q: CalendarQueryDto): Promise<Page<PostDto>> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.scheduledIn(workspaceId, q, limit).getMany();
    return this.page(rows.map(toPostDto), limit);
  }

  /** The same posts as `query`, projected to what a calendar cell shows. */
  async entries(workspaceId: string, q: CalendarEntriesQueryDto): Promise<Page<CalendarEntryDto>> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.scheduledIn(workspaceId, q, limit)
      .select([
        'p.id AS id',
        'p.title AS title',
        'p.status AS status',
        'p.revision AS revision',
        'p.brand_id AS brand_id',
        'p.campaign_id AS campaign_id',
        'p.created_by AS created_by',
        'u.name AS author_name',
        'p.channels AS channels',
        'p.jurisdictions AS jurisdictions',
        'p.scheduled_at AS scheduled_at',
        'p.timezone AS timezone',
        'p.compliance_alert IS NOT NULL AS compliance_alert',
      ])
      .leftJoin('users', 'u', 'u.id = p.created_by');
    if (q.brandId) qb.andWhere('p.brand_id = :brandId', { brandId: q.brandId });
    if (q.author) qb.andWhere('p.created_by = :author', { author: q.author });
    const rows = await qb.getRawMany<EntryRow>();
    return this.page(rows.map(toCalendarEntry), limit);
  }

  /** One more row than the page, so the page knows whether another follows. */
  private scheduledIn(workspaceId: string, q: CalendarQueryDto, limit: number): SelectQueryBuilder<Post> {
    const from = q.from ? this.instant('from', q.from) : undefined;
    const to = q.to ? this.instant('to', q.to) : undefined;
    if (from && to && to <= from) {
      throw new ValidationFailedError([{ field: 'to', code: 'isAfterFrom' }]);
    }
    const qb = this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .where('p.workspace_id = :workspaceId', { workspaceId })
      .andWhere('p.scheduled_at IS NOT NULL')
      .orderBy('p.scheduled_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit + 1);
    if (from) qb.andWhere('p.scheduled_at >= :from', { from });
    if (to) qb.andWhere('p.scheduled_at < :to', { to });
    if (q.jurisdiction) qb.andWhere(':jurisdiction = ANY(p.jurisdictions)', { jurisdiction: q.jurisdiction });
    if (q.channel) qb.andWhere(':channel = ANY(p.channels)', { channel: q.channel });
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.campaignId) qb.andWhere('p.campaign_id = :campaignId', { campaignId: q.campaignId });
    if (q.cursor) {
      const [at, id] = decodeCursor(q.cursor, 2, ([time, postId]) => !Number.isNaN(Date.parse(time)) && isUUID(postId));
      qb.andWhere('(p.scheduled_at, p.id) > (:at, :id)', { at, id });
    }
    return qb;
  }

  private page<T extends { id: string; scheduledAt: string | null }>(rows: T[], limit: number): Page<T> {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: rows.length > limit && last?.scheduledAt ? encodeCursor([last.scheduledAt, last.id]) : null,
    };
  }

  private instant(field: 'from' | 'to', value: string): Date {
    const resolved = resolveScheduledAt(value, 'UTC');
    if (!resolved.ok) {
      throw new ValidationFailedError([{ field, code: 'invalidInstant' }]);
    }
    return resolved.instant;
  }
}

function toCalendarEntry(row: EntryRow): CalendarEntryDto {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    revision: row.revision,
    brandId: row.brand_id,
    campaignId: row.campaign_id,
    createdBy: row.created_by,
    authorName: row.author_name,
    channels: row.channels,
    jurisdictions: row.jurisdictions,
    scheduledAt: row.scheduled_at.toISOString(),
    scheduledLocal: toLocalIso(row.scheduled_at, row.timezone),
    timezone: row.timezone,
    complianceAlert: row.compliance_alert,
  };
}
