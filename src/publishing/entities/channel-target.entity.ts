import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Brand } from '../../brands/entities/brand.entity';
import { Workspace } from '../../identity/entities/workspace.entity';
import type { Channel } from '../../calendar/domain/post-vocabulary';
import type { AdapterKind } from '../adapters/channel-adapter';

export const CONNECTION_STATUSES = ['connected', 'needs_reconnect'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/**
 * Where one brand publishes on one channel: at most one live target per (brand, channel).
 * The secret is stored sealed (AES-256-GCM) and never leaves the server.
 */
@Entity('channel_targets')
@Index('channel_targets_live_key', ['workspaceId', 'brandId', 'channel'], { unique: true, where: 'deleted_at IS NULL' })
@Check('channel_targets_adapter_check', `"adapter" IN ('webhook', 'log', 'linkedin', 'facebook', 'instagram', 'x')`)
@Check('channel_targets_connection_status_check', `"connection_status" IN ('connected', 'needs_reconnect')`)
export class ChannelTarget {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'channel_targets_pkey' })
  id: string;

  @ForeignKey(() => Workspace, { name: 'channel_targets_workspace_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ForeignKey(() => Brand, { name: 'channel_targets_brand_fkey' })
  @Column({ name: 'brand_id', type: 'uuid' })
  brandId: string;

  @Column({ type: 'varchar', length: 16 })
  channel: Channel;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  adapter: AdapterKind;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ name: 'secret_sealed', type: 'text', nullable: true })
  secretSealed: string | null;

  /** Network kinds: the account published as (organisation URN, page id, Instagram user id, X user id). */
  @Column({ name: 'account_id', type: 'varchar', length: 200, nullable: true })
  accountId: string | null;

  /** Network kinds: when the access token in `secretSealed` stops working, if the network says. */
  @Column({ name: 'token_expires_at', type: 'timestamptz', nullable: true })
  tokenExpiresAt: Date | null;

  /** Network kinds: the sealed refresh token, where the network issues one. */
  @Column({ name: 'refresh_token_sealed', type: 'text', nullable: true })
  refreshTokenSealed: string | null;

  /** `needs_reconnect` once the network refused the token; publishing holds due posts until a publisher reconnects. */
  @Column({ name: 'connection_status', type: 'varchar', length: 24, default: 'connected' })
  connectionStatus: ConnectionStatus;

  /** The network's own words for why the connection stopped working, shown to publishers. */
  @Column({ name: 'connection_reason', type: 'varchar', length: 500, nullable: true })
  connectionReason: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 400 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
