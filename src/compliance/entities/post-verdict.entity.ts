import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';

/**
 * The last verdict the rule-change sweep saw for a post's revision: what a later pack or
 * effective date is compared against. Rewritten on every sweep; the audit trail keeps history.
 */
@Entity('post_verdicts')
@Index('post_verdicts_workspace_idx', ['workspaceId'])
export class PostVerdict {
  @ForeignKey(() => Post, { name: 'post_verdicts_post_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'post_id', type: 'uuid', primaryKeyConstraintName: 'post_verdicts_pkey' })
  postId: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'varchar', length: 32 })
  verdict: string;

  @Column({ name: 'pack_versions', type: 'jsonb' })
  packVersions: Record<string, string>;

  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt: Date;
}
