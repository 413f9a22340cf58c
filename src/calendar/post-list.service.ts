import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, type Page } from '../common/http/pagination';
import type { WorkspaceMember } from '../common/domain/actor';
import type { PostListQueryDto, PostSort } from './dto/post-list.dto';
import type { PostDto } from './dto/post.dto';
import { Post } from './entities/post.entity';
import { toPostDto } from './post-dto';

/**
 * The SQL each sort orders by, with the type its cursor value is read back as. A post without a
 * time sorts as if at infinity: after every scheduled post, before them when descending.
 */
const SORT_KEYS: Record<string, { expression: string; type: string }> = {
  scheduledAt: { expression: `COALESCE(p.scheduled_at, 'infinity'::timestamptz)`, type: 'timestamptz' },
  updatedAt: { expression: 'p.updated_at', type: 'timestamptz' },
  createdAt: { expression: 'p.created_at', type: 'timestamptz' },
  title: { expression: 'p.title', type: 'varchar' },
};

/** `q` is a literal substring: LIKE's wildcards in it match themselves. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * GET /workspaces/:ws/posts: every live post of a workspace,
 * scheduled or not, filtered, searched, sorted, keyset-paged.
 */
@Injectable()
export class PostListService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(member: WorkspaceMember, q: PostListQueryDto): Promise<Page<PostDto>> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const sort: PostSort = q.sort ?? '-updatedAt';
    const descending = sort.startsWith('-');
    const key = SORT_KEYS[descending ? sort.slice(1) : sort];
    const direction = descending ? 'DESC' : 'ASC';
    // Soft-deleted posts are left out by TypeORM (Post.deletedAt is its delete-date column).
    const qb = this.dataSource
      .getRepository(Post)
      .createQueryBuilder('p')
      .addSelect(`${key.expression}::text`, 'sort_key')
      .where('p.workspace_id = :workspaceId', { workspaceId: member.workspaceId })
      .orderBy(key.expression, direction)
      .addOrderBy('p.id', direction)
      .limit(limit + 1);
    if (q.status) qb.andWhere('p.status = :status', { status: q.status });
    if (q.campaignId) qb.andWhere('p.campaign_id = :campaignId', { campaignId: q.campaignId });
    if (q.brandId) qb.andWhere('p.brand_id = :brandId', { brandId: q.brandId });
    // `@>` rather than `= ANY` so that the GIN indexes over the arrays can answer it.
    if (q.jurisdiction) {
      qb.andWhere('p.jurisdictions @> ARRAY[CAST(:jurisdiction AS text)]', { jurisdiction: q.jurisdiction });
    }
    if (q.channel) qb.andWhere('p.channels @> ARRAY[CAST(:channel AS text)]', { channel: q.channel });
    if (q.author) qb.andWhere('p.created_by = :author', { author: q.author === 'me' ? member.userId : q.author });
    if (q.scheduled !== undefined) qb.andWhere(q.scheduled ? 'p.scheduled_at IS NOT NULL' : 'p.scheduled_at IS NULL');
    // The same expression as the trigram index posts_search_trgm_idx, so the planner can use it.
    if (q.q) qb.andWhere(`(p.title::text || ' ' || p.body) ILIKE :pattern`, { pattern: likePattern(q.q) });
    if (q.cursor) {
      const [, after, id] = decodeCursor(
        q.cursor,
        3,
        ([cursorSort, value, postId]) =>
          cursorSort === sort &&
          isUUID(postId) &&
          (key.type !== 'timestamptz' || value === 'infinity' || !Number.isNaN(Date.parse(value))),
      );
      qb.andWhere(
        `(${key.expression}, p.id) ${descending ? '<' : '>'} (CAST(:after AS ${key.type}), CAST(:id AS uuid))`,
        { after, id },
      );
    }
    const { entities, raw } = await qb.getRawAndEntities<{ sort_key: string }>();
    const page = entities.slice(0, limit);
    const hasMore = entities.length > limit;
    return {
      items: page.map(toPostDto),
      nextCursor: hasMore ? encodeCursor([sort, raw[limit - 1].sort_key, page[limit - 1].id]) : null,
    };
  }
}
