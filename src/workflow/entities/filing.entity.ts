import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';
import { Submission } from './submission.entity';
import type { VoidReason } from './review-stage.entity';

export const FILING_TIMINGS = ['pre', 'post'] as const;
export type FilingTiming = (typeof FILING_TIMINGS)[number];

export const FILING_STATUSES = ['pending', 'filed', 'void'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

/**
 * A filing with a regulator that a pack requires for one revision (e.g. FINRA pre-use
 * filing for a new member): created `pending` at submission, `filed` when someone records
 * the reference, `void` when the revision it was for is replaced.
 */
@Entity('filings')
@Index('filings_workspace_due_idx', ['workspaceId', 'status', 'fileBy'])
@Index('filings_live_key', ['postId', 'revision', 'regulator', 'timing'], { unique: true, where: `status <> 'void'` })
@Check('filings_timing_check', `"timing" IN ('pre', 'post')`)
@Check('filings_status_check', `"status" IN ('pending', 'filed', 'void')`)
export class Filing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  // Declared so that the schema TypeORM derives matches the migration's foreign key.
  @ManyToOne(() => Post, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'filings_post_fkey' })
  post?: Post;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  // Declared so that the schema TypeORM derives matches the migration's foreign key.
  @ManyToOne(() => Submission, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'filings_submission_fkey' })
  submission?: Submission;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash: string;

  @Column({ type: 'varchar', length: 16 })
  jurisdiction: string;

  @Column({ type: 'varchar', length: 64 })
  regulator: string;

  /** `pre`: before first use; `post`: within `businessDays` after first use. */
  @Column({ type: 'varchar', length: 8 })
  timing: FilingTiming;

  @Column({ name: 'business_days', type: 'int' })
  businessDays: number;

  @Column({ name: 'rule_ids', type: 'jsonb' })
  ruleIds: string[];

  @Column({ type: 'varchar', length: 16 })
  status: FilingStatus;

  /**
   * The latest instant to file: for `pre`, so that the business-day wait still ends by the
   * scheduled time; for `post`, `businessDays` after publication (set when the post is published).
   */
  @Column({ name: 'file_by', type: 'timestamptz', nullable: true })
  fileBy: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ name: 'filed_at', type: 'timestamptz', nullable: true })
  filedAt: Date | null;

  /** Actor label of whoever recorded the filing. */
  @Column({ name: 'filed_by', type: 'varchar', length: 400, nullable: true })
  filedBy: string | null;

  /** Pre-use filings: `businessDays` business days after `filedAt`; the post may not go out before. */
  @Column({ name: 'earliest_publish_at', type: 'timestamptz', nullable: true })
  earliestPublishAt: Date | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'void_reason', type: 'varchar', length: 32, nullable: true })
  voidReason: VoidReason | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
