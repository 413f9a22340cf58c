import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Brand } from '../../brands/entities/brand.entity';
import { Workspace } from '../../identity/entities/workspace.entity';
import type { Channel } from '../../calendar/domain/post-vocabulary';
import type { AdapterKind } from '../adapters/channel-adapter';

/**
 * Where one brand publishes on one channel: at most one live target per (brand, channel).
 * The secret is stored sealed (AES-256-GCM) and never leaves the server.
 */
@Entity('channel_targets')
@Index('channel_targets_live_key', ['workspaceId', 'brandId', 'channel'], { unique: true, where: 'deleted_at IS NULL' })
@Check('channel_targets_adapter_check', `"adapter" IN ('webhook', 'log')`)
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

  @Column({ name: 'created_by', type: 'varchar', length: 400 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
