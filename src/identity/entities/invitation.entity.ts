import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../roles';
import type { MemberQualification } from './membership.entity';
import { Workspace } from './workspace.entity';

/**
 * An offer of membership to an e-mail address. Nothing about the invitee (whether an account
 * exists, its name or id) is looked up until the token is redeemed; only the token's
 * SHA-256 is stored, and it works once.
 */
@Entity('invitations')
@Index('invitations_workspace_idx', ['workspaceId'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'invitations_workspace_fkey' })
  workspace?: Workspace;

  /** Lower-cased, as the inviter typed it. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** The inviter's suggestion for a new account's name; the invitee may change it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  qualification: MemberQualification;

  @Column({ type: 'varchar', length: 5, default: 'en' })
  language: string;

  @Index('invitations_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
