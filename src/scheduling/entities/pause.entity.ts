import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../../identity/entities/workspace.entity';
import type { Channel } from '../../calendar/domain/post-vocabulary';

/**
 * A crisis pause: nothing in its scope publishes while it is active. Lifting it keeps the row
 * (who paused, why, for how long is evidence) and does not release what it held.
 */
@Entity('pauses')
@Index('pauses_workspace_idx', ['workspaceId', 'liftedAt'])
export class Pause {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pauses_pkey' })
  id: string;

  @ForeignKey(() => Workspace, { name: 'pauses_workspace_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'brand_id', type: 'uuid', nullable: true })
  brandId: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  jurisdiction: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel: Channel | null;

  /** Actor label (`user:<id>`, `apikey:<id>`). */
  @Column({ name: 'created_by', type: 'varchar', length: 400 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ name: 'lifted_by', type: 'varchar', length: 400, nullable: true })
  liftedBy: string | null;
}
