import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VirtualColumn } from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';
import type { MemberQualification } from '../../identity/entities/membership.entity';
import type { SignerQualification } from '../../identity/entities/role-grant.entity';
import { ReviewStage, type VoidReason } from './review-stage.entity';

export const DECISIONS = ['approve', 'reject', 'request_changes'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * A signature on a stage: who, when, on which exact content, with which qualification.
 * Only `voided_at` / `void_reason` may ever be set afterwards (a database trigger refuses
 * anything else), so the record of what was signed cannot be rewritten.
 */
@Entity('review_decisions')
@Index('review_decisions_post_idx', ['postId'])
// Two reviewers racing for the same stage: the second insert fails, whatever the application did.
@Index('review_decisions_live_stage_key', ['stageId'], { unique: true, where: 'voided_at IS NULL' })
// One person signs at most one stage of a post (among the signatures that still count).
@Index('review_decisions_live_signer_key', ['postId', 'decidedBy'], { unique: true, where: 'voided_at IS NULL' })
@Index('review_decisions_expiry_idx', ['expiresAt'], { where: `voided_at IS NULL AND decision = 'approve'` })
@Check('review_decisions_decision_check', `"decision" IN ('approve', 'reject', 'request_changes')`)
export class ReviewDecision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  // Declared so that the schema TypeORM derives matches the migration's foreign key.
  @ManyToOne(() => Post, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'post_id', foreignKeyConstraintName: 'review_decisions_post_fkey' })
  post?: Post;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId: string;

  // Declared so that the schema TypeORM derives matches the migration's foreign key.
  @ManyToOne(() => ReviewStage, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'stage_id', foreignKeyConstraintName: 'review_decisions_stage_fkey' })
  stageRow?: ReviewStage;

  @Column({ type: 'varchar', length: 64 })
  stage: string;

  @Column({ type: 'int' })
  revision: number;

  /** The hash of the revision signed: what the publisher must send byte for byte. */
  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash: string;

  @Column({ type: 'varchar', length: 32 })
  decision: Decision;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy: string;

  /** The signer's name, read with the decision in the same query (not stored: users may rename). */
  @VirtualColumn({ type: 'varchar', query: (alias) => `SELECT u.name FROM users u WHERE u.id = ${alias}.decided_by` })
  signerName: string | null;

  /** The signer's qualification at the time of signing (e.g. a FINRA CRD number). */
  @Column({ type: 'jsonb' })
  qualification: MemberQualification;

  /** How the signer came to hold the stage's role (when, granted by whom), captured at signing. */
  @Column({ name: 'signer_qualification', type: 'jsonb', nullable: true })
  signerQualification: SignerQualification | null;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt: Date;

  /** Approvals only: after this instant the signature no longer counts (pack approval validity). */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'void_reason', type: 'varchar', length: 32, nullable: true })
  voidReason: VoidReason | null;
}
