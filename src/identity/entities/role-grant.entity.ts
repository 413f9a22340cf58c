import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../roles';

/**
 * One grant of one role to a member: who granted it and when. Rows are only ever inserted
 * (revocations are in the audit trail, and the membership holds the roles in force), so an
 * examiner can see how a signer came to hold the role they signed with.
 */
@Entity('role_grants')
@Index('role_grants_member_role_idx', ['workspaceId', 'userId', 'role', 'grantedAt'])
export class RoleGrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /** The admin who granted the role; null when the system did (first start, demo, records older than grants). */
  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy: string | null;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;
}

/** What a signature records of how its signer came to hold the stage's role. */
export interface SignerQualification {
  role: Role;
  grantedAt: string;
  /** User id of the admin who granted it; null when the system did. */
  grantedBy: string | null;
  grantedByName: string | null;
}
