import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const STAGE_STATUSES = ['open', 'approved', 'rejected', 'changes_requested', 'void'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/**
 * Why a stage (or a signature) stopped counting: the post was revised, submitted again,
 * closed by another stage's refusal, withdrawn, ran past its scheduled time, or an approval
 * grew older than the pack allows.
 */
export const VOID_REASONS = ['revised', 'superseded', 'review_closed', 'withdrawn', 'review_deadline_passed', 'approval_expired'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/**
 * One approval stage a submission needs (e.g. `compliance`, then `principal`). A stage is
 * never deleted: when it stops counting it is marked `void` with the reason, so the history
 * of every round stays readable.
 */
@Entity('review_stages')
@Index('review_stages_post_idx', ['postId', 'position'])
@Index('review_stages_live_key', ['postId', 'stage'], { unique: true, where: `status <> 'void'` })
export class ReviewStage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

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
