import type { Evaluation } from '@preclear/rules-engine';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';
import type { MediaItem } from '../../calendar/domain/post-vocabulary';
import { Publication } from './publication.entity';

/** A signature behind the publication, as it stood when the post went out. */
export interface ArchivedApproval {
  stage: string;
  decidedBy: string;
  name: string | null;
  email: string | null;
  qualification: Record<string, unknown>;
  decidedAt: string;
  contentHash: string;
  comment: string | null;
}

/**
 * What went out, for examiners: the exact text and media metadata, the channel's id for it,
 * the approvals, the evaluation and pack versions at publish time, and the date until which it
 * must be kept. The database refuses any UPDATE and any DELETE before `retain_until`.
 */
@Entity('archive_records')
@Index('archive_records_workspace_published_idx', ['workspaceId', 'publishedAt', 'id'])
@Index('archive_records_publication_key', ['publicationId'], { unique: true })
@Check('archive_records_retention_check', '"retain_until" >= "published_at"')
export class ArchiveRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'archive_records_pkey' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ForeignKey(() => Post, { name: 'archive_records_post_fkey' })
  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @ForeignKey(() => Publication, { name: 'archive_records_publication_fkey' })
  @Column({ name: 'publication_id', type: 'uuid' })
  publicationId: string;

  @Column({ name: 'external_id', type: 'varchar', length: 500, nullable: true })
  externalId: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ name: 'target_name', type: 'varchar', length: 200, nullable: true })
  targetName: string | null;

  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  locale: string;

  @Column({ type: 'jsonb' })
  links: string[];

  @Column({ type: 'jsonb' })
  media: MediaItem[];

  @Column({ type: 'text', array: true })
  jurisdictions: string[];

  @Column({ type: 'jsonb' })
  approvals: ArchivedApproval[];

  @Column({ type: 'jsonb' })
  evaluation: Evaluation;

  @Column({ name: 'pack_versions', type: 'jsonb' })
  packVersions: Record<string, string>;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ name: 'retain_until', type: 'timestamptz' })
  retainUntil: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
