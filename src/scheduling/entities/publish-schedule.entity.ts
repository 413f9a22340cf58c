import { Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Post } from '../../calendar/entities/post.entity';

/**
 * Where a post stands on the publishing schedule, beside its status: when its next run is due,
 * which dispatch (job generation) is current, how many runs were made, and who holds the claim.
 * Postgres is the truth; Bull only holds timers that the reconciler can rebuild from here.
 * Written only after the post row is locked, so it never races the post's own transitions.
 */
@Entity('publish_schedule')
@Index('publish_schedule_due_idx', ['dueAt'])
export class PublishSchedule {
  @PrimaryColumn({ name: 'post_id', type: 'uuid', primaryKeyConstraintName: 'publish_schedule_pkey' })
  @ForeignKey(() => Post, { name: 'publish_schedule_post_fkey' })
  postId: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** The revision this row speaks about; a row of an older revision is ignored. */
  @Column({ type: 'int' })
  revision: number;

  /** When the next run should start: the scheduled time, a retry's time, or a release. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'int', default: 0 })
  dispatch: number;

  /** Runs made since the post was last scheduled or released (retries count against PUBLISH_MAX_ATTEMPTS). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Set while a worker publishes; a claim older than PUBLISH_LEASE_MS belongs to a dead worker. */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ name: 'claimed_by', type: 'varchar', length: 200, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
