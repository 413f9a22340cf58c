import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed statement "chain X had entry `seq` with hash H at time T". The signature is made with
 * a key the database never sees (AUDIT_SIGNING_KEY), so someone who can rewrite the tables can
 * still not forge a checkpoint: re-hashing the chain or cutting its tail no longer matches.
 */
@Entity('audit_checkpoints')
@Index('audit_checkpoints_chain_seq_idx', ['chain', 'seq'])
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'audit_checkpoints_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  chain: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 80 })
  hash: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt: Date;

  /** First 16 hex digits of the SHA-256 of the raw public key. */
  @Column({ name: 'key_id', type: 'varchar', length: 32 })
  keyId: string;

  /** Base64 Ed25519 signature of the canonical JSON of { chain, seq, hash, signedAt, keyId }. */
  @Column({ type: 'varchar', length: 128 })
  signature: string;

  /** `system` for the periodic checkpoint, else the member who asked for it. */
  @Column({ name: 'created_by', type: 'varchar', length: 400 })
  createdBy: string;
}
