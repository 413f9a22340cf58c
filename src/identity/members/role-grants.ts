import type { EntityManager } from 'typeorm';
import { RoleGrant, type SignerQualification } from '../entities/role-grant.entity';
import type { Role } from '../roles';

export interface GrantedRoles {
  workspaceId: string;
  userId: string;
  roles: readonly Role[];
  /** The admin granting them; null when the system does (first start, demo data). */
  grantedBy: string | null;
}

/**
 * Records the grant of roles to a member. Every path that gives someone a role goes through
 * here (invitation accepted, roles changed, workspace opened, first admin, demo), so a
 * signature can always say how its signer came to hold the role. The caller audits the change.
 */
export async function recordRoleGrants(manager: EntityManager, grant: GrantedRoles): Promise<void> {
  if (grant.roles.length === 0) return;
  const grantedAt = new Date();
  await manager.getRepository(RoleGrant).insert(
    grant.roles.map((role) => ({
      workspaceId: grant.workspaceId,
      userId: grant.userId,
      role,
      grantedBy: grant.grantedBy,
      grantedAt,
    })),
  );
}

/**
 * The grant under which a member holds a role now: the latest
 * one (an earlier grant ended when the role was taken away).
 */
export async function signerQualification(
  manager: EntityManager,
  workspaceId: string,
  userId: string,
  role: string,
): Promise<SignerQualification | null> {
  const rows = await manager.query<
    { role: Role; granted_at: Date; granted_by: string | null; granted_by_name: string | null }[]
  >(
    `SELECT g.role, g.granted_at, g.granted_by, u.name AS granted_by_name
       FROM role_grants g LEFT JOIN users u ON u.id = g.granted_by
      WHERE g.workspace_id = $1 AND g.user_id = $2 AND g.role = $3
      ORDER BY g.granted_at DESC LIMIT 1`,
    [workspaceId, userId, role],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    role: row.role,
    grantedAt: new Date(row.granted_at).toISOString(),
    grantedBy: row.granted_by,
    grantedByName: row.granted_by_name,
  };
}
