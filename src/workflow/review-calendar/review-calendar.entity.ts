import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Workspace } from '../../identity/entities/workspace.entity';

/**
 * When a workspace's reviewers work: review deadlines move to the previous working slot of
 * this calendar. A workspace without a row works Mon-Fri 09:00-17:00 in each post's zone.
 */
@Entity('review_calendars')
@Check('review_calendars_hours_check', `"work_starts_at" < "work_ends_at"`)
export class ReviewCalendar {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid', primaryKeyConstraintName: 'PK_review_calendars' })
  workspaceId: string;

  @OneToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'review_calendars_workspace_id_fkey' })
  workspace?: Workspace;

  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  /** "HH:MM" wall-clock times in `timezone`; text compares in time order. */
  @Column({ name: 'work_starts_at', type: 'char', length: 5 })
  workStartsAt: string;

  @Column({ name: 'work_ends_at', type: 'char', length: 5 })
  workEndsAt: string;

  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  @Column({ name: 'working_days', type: 'smallint', array: true })
  workingDays: number[];

  /** ISO 3166 country (and optional state) of the public holidays, from date-holidays; null: none. */
  @Column({ name: 'holiday_country', type: 'varchar', length: 3, nullable: true })
  holidayCountry: string | null;

  @Column({ name: 'holiday_state', type: 'varchar', length: 10, nullable: true })
  holidayState: string | null;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
