import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One link of a hash chain per workspace (`chain` = workspace id, or `system` for events
 * outside any workspace such as failed logins). The database refuses UPDATE and DELETE.
 */
@Entity('audit_entries')
@Index('audit_entries_chain_seq_key', ['chain', 'seq'], { unique: true })
@Index('audit_entries_subject_idx', ['chain', 'subject'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  chain: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** `user:<id>`, `apikey:<id>`, `system`, or `anonymous:<email>` for failed logins. */
  @Column({ type: 'varchar', length: 400 })
  actor: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  /** `post:<id>`, `apikey:<id>`, `feed:<id>`, `pause:<id>`... */
  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'varchar', length: 80 })
  prevHash: string;

  @Column({ type: 'varchar', length: 80 })
  hash: string;
}
