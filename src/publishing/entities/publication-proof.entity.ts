import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ContentDifference } from '../domain/content-comparison';
import { Publication } from './publication.entity';

export const PROOF_KINDS = ['readback', 'found', 'not_found', 'checkpoint'] as const;
export type ProofKind = (typeof PROOF_KINDS)[number];

/**
 * What a network showed of a publication, appended and never changed: the live post read back after publishing
 * (`readback`), or what looking for it before a retry found (`found`, `not_found`), or a step a call reached
 * on the network (`checkpoint`: Instagram's container). The evidence that what appeared is what was approved.
 */
@Entity('publication_proofs')
@Index('publication_proofs_publication_idx', ['publicationId', 'id'])
@Check('publication_proofs_kind_check', `"kind" IN ('readback', 'found', 'not_found', 'checkpoint')`)
export class PublicationProof {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'publication_proofs_pkey' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ForeignKey(() => Publication, { name: 'publication_proofs_publication_fkey' })
  @Column({ name: 'publication_id', type: 'uuid' })
  publicationId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ProofKind;

  @Column({ name: 'external_id', type: 'varchar', length: 500, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  permalink: string | null;

  @Column({ type: 'boolean', nullable: true })
  matches: boolean | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  differences: ContentDifference[];

  /** The network's own answer. */
  @Column({ type: 'jsonb', nullable: true })
  live: unknown;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
