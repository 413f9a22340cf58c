import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the rule-change watch has already seen, shared by every instance: `pack:<CODE>` rows
 * hold the pack version last loaded, `effective-dates` the instant up to which rule start and
 * end dates were handled.
 */
@Entity('compliance_watermarks')
export class ComplianceWatermark {
  @PrimaryColumn({ type: 'varchar', length: 80, primaryKeyConstraintName: 'compliance_watermarks_pkey' })
  key: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  version: string | null;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt: Date;
}
