import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../common/errors/validation-details';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, type Page } from '../common/http/pagination';
import { resolveScheduledAt } from './domain/schedule-time';
import type { CalendarQueryDto } from './dto/calendar-query.dto';
import type { PostDto } from './dto/post.dto';
import { Post } from './entities/post.entity';
import { toPostDto } from './posts.service';

@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Scheduled posts with `scheduledAt` in [from, to), by time then id, keyset-paginated. */
  async query(workspaceId: string, q: CalendarQueryDto): Promise<Page<PostDto>> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
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
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toPostDto),
      nextCursor: rows.length > limit && last?.scheduledAt ? encodeCursor([last.scheduledAt.toISOString(), last.id]) : null,
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
