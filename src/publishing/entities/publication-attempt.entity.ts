import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Publication } from './publication.entity';

export const ATTEMPT_OUTCOMES = [
  'in_flight',
  'success',
  'permanent_failure',
  'retryable_failure',
  'unknown',
  'reconnect_needed',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * One call (or decision not to call) of a channel. Written `in_flight` in the claim
 * transaction before the call, so a worker that dies mid-call leaves a trace that becomes
 * `unknown` when its run is taken over.
 */
@Entity('publication_attempts')
@Index('publication_attempts_number_key', ['publicationId', 'number'], { unique: true })
@Check(
  'publication_attempts_outcome_check',
  `"outcome" IN ('in_flight', 'success', 'permanent_failure', 'retryable_failure', 'unknown', 'reconnect_needed')`,
)
export class PublicationAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'publication_attempts_pkey' })
  id: string;

  @ForeignKey(() => Publication, { name: 'publication_attempts_publication_fkey' })
  @Column({ name: 'publication_id', type: 'uuid' })
  publicationId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'varchar', length: 200 })
  worker: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'varchar', length: 24 })
  outcome: AttemptOutcome;

  @Column({ name: 'http_status', type: 'int', nullable: true })
  httpStatus: number | null;

  @Column({ name: 'external_id', type: 'varchar', length: 500, nullable: true })
  externalId: string | null;

  /** A short code or status line; every member may read it. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The start of what the target answered: anything at all, so shown to publishers and admins only. */
  @Column({ name: 'response_excerpt', type: 'text', nullable: true })
  responseExcerpt: string | null;
}
