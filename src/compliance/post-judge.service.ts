import { Injectable } from '@nestjs/common';
import type { Evaluation } from '@preclear/rules-engine';
import type { EntityManager } from 'typeorm';
import { Brand } from '../brands/entities/brand.entity';
import type { PostContent } from '../calendar/domain/post-content';
import type { Post } from '../calendar/entities/post.entity';
import { ComplianceService } from './compliance.service';
import type { WorkspaceOverride } from './domain/workspace-overrides';
import { WorkspaceOverridesService } from './workspace-overrides.service';

/** A stored post with everything needed to evaluate its current revision, read once per batch. */
export interface JudgeablePost {
  post: Post;
  content: PostContent;
  brand: Brand;
  overrides: readonly WorkspaceOverride[];
}

/**
 * Evaluates stored posts' current revisions with their brand's facts and their workspace's
 * overrides: the same inputs as submission and the publish-time check, for many posts at once.
 */
@Injectable()
export class PostJudgeService {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly overrides: WorkspaceOverridesService,
  ) {}

  async load(tx: EntityManager, posts: readonly Post[]): Promise<JudgeablePost[]> {
    if (posts.length === 0) return [];
    const revisions: { post_id: string; content: PostContent }[] = await tx.query(
      `SELECT r.post_id, r.content FROM post_revisions r
         JOIN unnest($1::uuid[], $2::int[]) AS k(post_id, number) ON r.post_id = k.post_id AND r.number = k.number`,
      [posts.map((p) => p.id), posts.map((p) => p.revision)],
    );
    const contents = new Map(revisions.map((r) => [r.post_id, r.content]));
    const brandIds = [...new Set(posts.map((p) => p.brandId))];
    const brands = new Map(
      (
        await tx.getRepository(Brand).createQueryBuilder('b').where('b.id IN (:...brandIds)', { brandIds }).getMany()
      ).map((b) => [b.id, b]),
    );
    const overrides = await this.overrides.forWorkspaces(
      posts.map((p) => p.workspaceId),
      tx,
    );
    return posts.map((post) => {
      const content = contents.get(post.id);
      const brand = brands.get(post.brandId);
      if (!content || !brand) {
        throw new Error(`post ${post.id}: revision ${post.revision} or brand ${post.brandId} is missing`);
      }
      return { post, content, brand, overrides: overrides.get(post.workspaceId) ?? [] };
    });
  }

  /** The verdict of the post as it would go out at `publishAt`. */
  evaluate(judgeable: JudgeablePost, publishAt: Date, now: Date): Evaluation {
    return this.compliance.evaluate(judgeable.content, judgeable.brand.profile, publishAt, now, judgeable.overrides);
  }
}

/** When a not-yet-published post would go out: its scheduled time, or now when that has passed or was never set. */
export function goesOutAt(post: Pick<Post, 'scheduledAt'>, now: Date): Date {
  return post.scheduledAt && post.scheduledAt.getTime() > now.getTime() ? post.scheduledAt : now;
}
