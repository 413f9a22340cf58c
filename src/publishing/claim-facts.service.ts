import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Brand } from '../brands/entities/brand.entity';
import type { PostContent } from '../calendar/domain/post-content';
import type { Post } from '../calendar/entities/post.entity';
import type { WorkspaceOverride } from '../compliance/domain/workspace-overrides';
import { WorkspaceOverridesService } from '../compliance/workspace-overrides.service';
import type { Blackout } from '../scheduling/entities/blackout.entity';
import type { Pause } from '../scheduling/entities/pause.entity';
import { RestrictionsService } from '../scheduling/restrictions.service';
import { PublicationClearanceService, type PublishingClearance } from '../workflow/publication-clearance.service';
import { ChannelTarget } from './entities/channel-target.entity';
import { PublicationRecords, type PublicationRow } from './publication-records.service';

/** What the claims of one batch read, one query per kind, each from the module that owns it. */
export interface ClaimFacts {
  revisions: Map<string, { content: PostContent; contentHash: string }>;
  brands: Map<string, Brand>;
  pauses: Pause[];
  blackouts: Blackout[];
  targets: ChannelTarget[];
  publications: PublicationRow[];
  /** The workflow's answer per post: may it go out now, and on whose approvals. */
  clearance: Map<string, PublishingClearance>;
  /** Each workspace's own lexicon and tightening, applied at the last look like at submission. */
  overrides: Map<string, WorkspaceOverride[]>;
}

/** Reads everything the publish job's last look needs for a batch of claimed posts. */
@Injectable()
export class ClaimFactsReader {
  constructor(
    private readonly restrictions: RestrictionsService,
    private readonly clearance: PublicationClearanceService,
    private readonly overrides: WorkspaceOverridesService,
    private readonly publications: PublicationRecords,
  ) {}

  async read(tx: EntityManager, posts: readonly Post[], now: Date): Promise<ClaimFacts> {
    const postIds = posts.map((p) => p.id);
    const workspaceIds = [...new Set(posts.map((p) => p.workspaceId))];
    const brandIds = [...new Set(posts.map((p) => p.brandId))];
    const revisionRows: { post_id: string; content: PostContent; content_hash: string }[] = await tx.query(
      `SELECT r.post_id, r.content, r.content_hash FROM post_revisions r
         JOIN unnest($1::uuid[], $2::int[]) AS k(post_id, number) ON r.post_id = k.post_id AND r.number = k.number`,
      [postIds, posts.map((p) => p.revision)],
    );
    const brands = await tx
      .getRepository(Brand)
      .createQueryBuilder('b')
      .where('b.id IN (:...brandIds)', { brandIds })
      .getMany();
    const targets = await tx
      .getRepository(ChannelTarget)
      .createQueryBuilder('t')
      .where('t.brandId IN (:...brandIds)', { brandIds })
      .andWhere('t.workspaceId IN (:...workspaceIds)', { workspaceIds })
      .andWhere('t.deletedAt IS NULL')
      .getMany();
    return {
      revisions: new Map(revisionRows.map((r) => [r.post_id, { content: r.content, contentHash: r.content_hash }])),
      brands: new Map(brands.map((b) => [b.id, b])),
      pauses: await this.restrictions.activePauses(tx, workspaceIds),
      blackouts: await this.restrictions.blackoutsOverlapping(tx, workspaceIds, now),
      targets,
      publications: await this.publications.ofPosts(tx, postIds),
      clearance: await this.clearance.forPublishing(tx, posts, now),
      overrides: await this.overrides.forWorkspaces(workspaceIds, tx),
    };
  }
}
