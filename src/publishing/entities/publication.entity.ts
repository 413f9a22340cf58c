import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';
import type { ContentDifference } from '../domain/content-comparison';
import { ChannelTarget } from './channel-target.entity';

export const PUBLICATION_STATUSES = ['pending', 'in_flight', 'retrying', 'succeeded', 'failed'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** Whether the live post, read back from the network, shows what was approved. */
export const PROOF_STATUSES = ['matches', 'differs', 'unverified'] as const;
export type ProofStatus = (typeof PROOF_STATUSES)[number];

/**
 * One channel's publication of one revision: exactly one row per (post, revision, channel),
 * enforced by the database, carrying the idempotency key every attempt sends. Once
 * `succeeded` it is never called again.
 */
@Entity('publications')
@Index('publications_post_revision_channel_key', ['postId', 'revision', 'channel'], { unique: true })
@Check('publications_proof_status_check', `"proof_status" IN ('matches', 'differs', 'unverified')`)
@Check('publications_status_check', `"status" IN ('pending', 'in_flight', 'retrying', 'succeeded', 'failed')`)
export class Publication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'publications_pkey' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ForeignKey(() => Post, { name: 'publications_post_fkey' })
  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @ForeignKey(() => ChannelTarget, { name: 'publications_target_fkey' })
  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 16 })
  status: PublicationStatus;

  @Column({ name: 'external_id', type: 'varchar', length: 500, nullable: true })
  externalId: string | null;

  /** The network's public address of the post. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  permalink: string | null;

  /** Null until read back (webhook and log targets are never read back). */
  @Column({ name: 'proof_status', type: 'varchar', length: 16, nullable: true })
  proofStatus: ProofStatus | null;

  /** What the network shows differently from the approved content. */
  @Column({ name: 'proof_differences', type: 'jsonb', nullable: true })
  proofDifferences: ContentDifference[] | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'jsonb', nullable: true })
  lastError: Record<string, unknown> | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
