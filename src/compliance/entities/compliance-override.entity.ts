import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Workspace } from '../../identity/entities/workspace.entity';

/**
 * A workspace's own tightening of the packs (its lexicon, stricter severities, extra stages).
 * Every change raises `version` and is audited; retiring keeps the row, so the lexicon that
 * judged an old post can still be read.
 */
@Entity('compliance_overrides')
@Index('compliance_overrides_workspace_idx', ['workspaceId', 'retiredAt'])
export class ComplianceOverride {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'compliance_overrides_pkey' })
  id: string;

  @ForeignKey(() => Workspace, { name: 'compliance_overrides_workspace_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  language: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  phrase: string | null;

  @Column({ name: 'folded_phrase', type: 'varchar', length: 400, nullable: true })
  foldedPhrase: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  severity: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message: string | null;

  @Column({ name: 'rule_id', type: 'varchar', length: 100, nullable: true })
  ruleId: string | null;

  @Column({ name: 'product_category', type: 'varchar', length: 40, nullable: true })
  productCategory: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  stage: string | null;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_until', type: 'date', nullable: true })
  effectiveUntil: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 400 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 400 })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'retired_by', type: 'varchar', length: 400, nullable: true })
  retiredBy: string | null;
}
