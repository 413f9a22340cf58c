import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../../identity/entities/workspace.entity';

/**
 * A window in which nothing in scope may go out (a results quiet period, an election day).
 * Deleting one keeps the row for the record; posts it held stay held until released.
 */
@Entity('blackouts')
@Index('blackouts_workspace_idx', ['workspaceId', 'endsAt'])
@Check('blackouts_window_check', '"ends_at" > "starts_at"')
export class Blackout {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'blackouts_pkey' })
  id: string;

  @ForeignKey(() => Workspace, { name: 'blackouts_workspace_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'brand_id', type: 'uuid', nullable: true })
  brandId: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  jurisdiction: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 400 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'deleted_by', type: 'varchar', length: 400, nullable: true })
  deletedBy: string | null;
}
