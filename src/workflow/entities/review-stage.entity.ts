import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';
import { Submission } from './submission.entity';

export const STAGE_STATUSES = ['open', 'approved', 'rejected', 'changes_requested', 'void'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/**
 * Why a stage (or a signature) stopped counting: the post was revised, submitted again,
 * closed by another stage's refusal, withdrawn, ran past its scheduled time, or an approval
 * grew older than the pack allows.
 */
export const VOID_REASONS = [
  'revised',
  'superseded',
  'review_closed',
  'withdrawn',
  'review_deadline_passed',
  'approval_expired',
] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/**
 * One approval stage a submission needs (e.g. `compliance`, then `principal`). A stage is
 * never deleted: when it stops counting it is marked `void` with the reason, so the history
 * of every round stays readable.
 */
@Entity('review_stages')
@Index('review_stages_post_idx', ['postId', 'position'])
@Index('review_stages_live_key', ['postId', 'stage'], { unique: true, where: `status <> 'void'` })
@Index('review_stages_queue_idx', ['workspaceId', 'dueAt'], { where: `status = 'open'` })
@Check('review_stages_status_check', `"status" IN ('open', 'approved', 'rejected', 'changes_requested', 'void')`)
export class ReviewStage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  // Declared so that the schema TypeORM derives matches the migration's foreign key.
  @ManyToOne(() => Post, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'review_stages_post_fkey' })
  post?: Post;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  // Declared so that the schema TypeORM derives matches the migration's foreign key.
  @ManyToOne(() => Submission, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'review_stages_submission_fkey' })
  submission?: Submission;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'varchar', length: 64 })
  stage: string;

  /** The role a signer must hold (`reviewer`, `principal`). */
  @Column({ type: 'varchar', length: 32 })
  role: string;

  /** Place in the packs' stage order; stages are signed in ascending position. */
  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'rule_ids', type: 'jsonb' })
  ruleIds: string[];

  @Column({ type: 'jsonb' })
  jurisdictions: string[];

  @Column({ type: 'varchar', length: 32 })
  status: StageStatus;

  /** The last moment to sign so that filing and the review buffer still fit before the scheduled time. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'void_reason', type: 'varchar', length: 32, nullable: true })
  voidReason: VoidReason | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
