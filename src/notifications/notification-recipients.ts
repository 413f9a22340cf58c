import type { EntityManager } from 'typeorm';

/** Who is told what: small queries, run inside the caller's transaction. */
export const Recipients = {
  /** Members holding a role, except the post's author (who may not sign their own post). */
  async withRole(tx: EntityManager, workspaceId: string, role: string, except: string | null): Promise<string[]> {
    const rows = await tx.query<{ user_id: string }[]>(
      `SELECT user_id FROM memberships WHERE workspace_id = $1 AND $2 = ANY(roles) AND user_id IS DISTINCT FROM $3::uuid`,
      [workspaceId, role, except],
    );
    return rows.map((r) => r.user_id);
  },

  async publishers(tx: EntityManager, workspaceId: string): Promise<string[]> {
    return Recipients.withRole(tx, workspaceId, 'publisher', null);
  },
};

export function author(createdBy: string | null): string[] {
  return createdBy ? [createdBy] : [];
}
