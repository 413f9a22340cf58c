import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  VirtualColumn,
} from 'typeorm';
import type {
  Audience,
  Channel,
  CommunicationType,
  MediaItem,
  PostStatus,
  ProductCategory,
} from '../domain/post-vocabulary';

/**
 * A post on the calendar: the current content (a copy of its latest revision, for querying)
 * plus its lifecycle state. Content changes go through PostsService, which writes a revision.
 */
@Entity('posts')
@Index('posts_calendar_idx', ['workspaceId', 'scheduledAt', 'id'])
// The post list's sort orders (keyset: sort key, then id); updated_at also gives a feed its data version.
@Index('posts_workspace_updated_idx', ['workspaceId', 'updatedAt', 'id'])
@Index('posts_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
@Index('posts_workspace_title_idx', ['workspaceId', 'title', 'id'])
// Expression indexes, written by migration 1795584000000: trigrams for `q` (any substring of title
// and body), and the scheduledAt sort with unscheduled posts at infinity.
@Index('posts_search_trgm_idx', { synchronize: false })
@Index('posts_workspace_schedule_sort_idx', { synchronize: false })
// GIN over the arrays, for `jurisdiction` and `channel` filters that match few posts.
@Index('posts_jurisdictions_gin_idx', { synchronize: false })
@Index('posts_channels_gin_idx', { synchronize: false })
export class Post {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'brand_id', type: 'uuid' })
  brandId: string;

  @Index('posts_campaign_idx')
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'varchar', length: 32, default: 'draft' })
  status: PostStatus;

  /** Why the post is held, failed or missed; shown to people and kept for the record. */
  @Column({ name: 'status_reason', type: 'jsonb', nullable: true })
  statusReason: Record<string, unknown> | null;

  /**
   * Set by the rule-change watch when a pack change or a rule's
   * start date worsened this revision's verdict; cleared by an edit.
   */
  @Column({ name: 'compliance_alert', type: 'jsonb', nullable: true })
  complianceAlert: Record<string, unknown> | null;

  /** The number of the current revision (1-based). */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  locale: string;

  @Column({ name: 'product_category', type: 'varchar', length: 32 })
  productCategory: ProductCategory;

  @Column({ name: 'communication_type', type: 'varchar', length: 16 })
  communicationType: CommunicationType;

  @Column({ type: 'varchar', length: 16 })
  audience: Audience;

  @Column({ type: 'boolean', default: false })
  interactive: boolean;

  @Column({ type: 'boolean', default: false })
  paid: boolean;

  @Column({ type: 'boolean', default: false })
  influencer: boolean;

  /** Placed through the platform's ad system, which labels it (see PostContent.platformAd). */
  @Column({ name: 'platform_ad', type: 'boolean', default: false })
  platformAd: boolean;

  @Column({ type: 'text', array: true })
  channels: Channel[];

  @Column({ type: 'text', array: true })
  jurisdictions: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  links: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  media: MediaItem[];

  /** The instant to publish, in UTC; null while unscheduled. */
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  /** IANA zone the marketer planned in; kept for display and for calendar feeds. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** iCalendar SEQUENCE: raised on every change of time, status or text, never lowered. */
  @Column({ name: 'feed_sequence', type: 'int', default: 0 })
  feedSequence: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /**
   * Set when a never-submitted draft is deleted. TypeORM leaves deleted rows out of every entity
   * read, so a deleted post is a 404 everywhere; the row stays for the audit trail.
   */
  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** The name of the author (`createdBy`), read with the post in the same query. */
  @VirtualColumn({ type: 'varchar', query: (alias) => `SELECT u.name FROM users u WHERE u.id = ${alias}.created_by` })
  authorName: string | null;

  /** Optimistic lock for concurrent writers of the same row. */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;
}
