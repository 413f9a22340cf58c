import type { Evaluation, Verdict } from '@preclear/rules-engine';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';

/**
 * One submission of one revision for review: the evaluation it was judged on and the pack
 * versions behind it, kept as evidence. The database refuses UPDATE and DELETE.
 */
@Entity('submissions')
@Index('submissions_post_idx', ['postId', 'submittedAt'])
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  // Declared so that the schema TypeORM derives matches the migration's foreign key.
  @ManyToOne(() => Post, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'submissions_post_fkey' })
  post?: Post;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash: string;

  /** Actor label (`user:<id>` or `apikey:<id>`). */
  @Column({ name: 'submitted_by', type: 'varchar', length: 400 })
  submittedBy: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'varchar', length: 32 })
  verdict: Verdict;

  /** The engine's evaluation as it was, untranslated (message keys and parameters). */
  @Column({ type: 'jsonb' })
  evaluation: Evaluation;

  @Column({ name: 'pack_versions', type: 'jsonb' })
  packVersions: Record<string, string>;

  /** The shortest approval validity among the post's jurisdictions, in days. */
  @Column({ name: 'approval_validity_days', type: 'int' })
  approvalValidityDays: number;
}
