import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Brand } from '../../brands/entities/brand.entity';
import type { Channel } from '../../calendar/domain/post-vocabulary';
import { Workspace } from '../../identity/entities/workspace.entity';
import type { NetworkAdapterKind } from '../adapters/channel-adapter';

export type ConnectionPhase = 'authorize' | 'choose';

/** An account the member may connect, as the network listed it (its token stays sealed in `tokensSealed`). */
export interface OfferedAccount {
  id: string;
  name: string;
}

/**
 * A connection under way. `authorize`: the member was sent to the network; the row is found
 * by the hash of `state` and deleted when the callback arrives (single use). `choose`: the
 * network answered with several accounts (Facebook pages, LinkedIn organisations); the
 * tokens wait sealed until the member who started picks one. Either phase expires quickly.
 */
@Entity('oauth_connection_states')
@Index('oauth_connection_states_state_key', ['stateHash'], { unique: true })
@Index('oauth_connection_states_expires_idx', ['expiresAt'])
@Check('oauth_connection_states_phase_check', `"phase" IN ('authorize', 'choose')`)
export class OAuthConnectionState {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'oauth_connection_states_pkey' })
  id: string;

  /** SHA-256 of the state: a database reader cannot complete someone's flow. */
  @Column({ name: 'state_hash', type: 'varchar', length: 64 })
  stateHash: string;

  @Column({ type: 'varchar', length: 16 })
  phase: ConnectionPhase;

  @ForeignKey(() => Workspace, { name: 'oauth_connection_states_workspace_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  /** actorLabel of the member who started: nobody else may finish. */
  @Column({ name: 'started_by', type: 'varchar', length: 400 })
  startedBy: string;

  /** SHA-256 of the browser-binding cookie set when the flow started. */
  @Column({ name: 'binding_hash', type: 'varchar', length: 64 })
  bindingHash: string;

  @Column({ type: 'varchar', length: 16 })
  network: NetworkAdapterKind;

  @ForeignKey(() => Brand, { name: 'oauth_connection_states_brand_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'brand_id', type: 'uuid' })
  brandId: string;

  @Column({ type: 'varchar', length: 16 })
  channel: Channel;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'account_id', type: 'varchar', length: 200, nullable: true })
  accountId: string | null;

  @Column({ name: 'code_verifier_sealed', type: 'text', nullable: true })
  codeVerifierSealed: string | null;

  @Column({ name: 'tokens_sealed', type: 'text', nullable: true })
  tokensSealed: string | null;

  @Column({ type: 'jsonb', nullable: true })
  accounts: OfferedAccount[] | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
