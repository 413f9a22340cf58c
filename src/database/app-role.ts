import type { DataSource } from 'typeorm';

/**
 * Evidence: rows the application writes once and then only reads. The restricted role gets
 * INSERT and SELECT on them and nothing else (no UPDATE, DELETE or TRUNCATE), so a bug, an
 * injected statement or a stolen app credential cannot rewrite what was signed and published.
 */
export const EVIDENCE_TABLES: readonly string[] = [
  'audit_entries',
  'audit_checkpoints',
  'post_revisions',
  'submissions',
  'review_decisions',
  'archive_records',
  // What each network showed of a published post (read back, or found before a retry).
  'publication_proofs',
  // Identity: how each signer came to hold a role (only ever inserted).
  'role_grants',
  // Uploaded media: an approved revision names these bytes by hash; their metadata never changes.
  'media',
];

/** Columns of evidence tables the app may set after the insert: voiding a signature (a trigger allows nothing else). */
const EVIDENCE_UPDATABLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  review_decisions: ['voided_at', 'void_reason'],
};

/** Tables only the owner touches (the migration ledger). */
const OWNER_ONLY_TABLES: readonly string[] = ['migrations'];

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface AppRole {
  name: string;
  /** Set on creation only; with the default trust setup the role has none. */
  password?: string;
}

/** The role (and password) an app database URL connects as. */
export function appRoleOf(appDatabaseUrl: string): AppRole {
  const url = new URL(appDatabaseUrl);
  const name = decodeURIComponent(url.username);
  if (!ROLE_NAME.test(name)) throw new Error(`the app database role "${name}" must match ${ROLE_NAME.source}`);
  return { name, password: url.password ? decodeURIComponent(url.password) : undefined };
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Run as the owner after migrating (under the migration lock): creates the restricted role if it
 * is missing, refuses to go on if it is a superuser or the owner, and (re)grants every table of
 * the schema. A table that is not evidence gets plain DML, so tables added by later migrations
 * need no edit here; an evidence table must be listed in EVIDENCE_TABLES.
 */
export async function grantAppRole(owner: DataSource, role: AppRole): Promise<void> {
  await ensureRole(owner, role);
  // One transaction: instances already serving (a rolling deploy) never see the table between its REVOKE and GRANT.
  await owner.transaction(async (tx) => {
    const r = quote(role.name);
    const [{ db }]: { db: string }[] = await tx.query('SELECT current_database() AS db');
    await tx.query(`GRANT CONNECT ON DATABASE ${quote(db)} TO ${r}`);
    await tx.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    const tables: { name: string; owner: string }[] = await tx.query(
      `SELECT tablename AS name, tableowner AS owner FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    for (const { name, owner: tableOwner } of tables) {
      if (tableOwner === role.name) {
        throw new Error(
          `the app database role "${role.name}" owns table ${name}: owners can rewrite evidence; use a plain role`,
        );
      }
      for (const statement of tableGrants(name, r)) await tx.query(statement);
    }
    await tx.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  });
}

/** REVOKE everything, then GRANT what the kind of table allows (see EVIDENCE_TABLES). */
function tableGrants(name: string, role: string): string[] {
  const table = `public.${quote(name)}`;
  const statements = [`REVOKE ALL ON TABLE ${table} FROM ${role}`];
  if (OWNER_ONLY_TABLES.includes(name)) return statements;
  if (!EVIDENCE_TABLES.includes(name)) {
    return [...statements, `GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE ${table} TO ${role}`];
  }
  statements.push(`GRANT SELECT, INSERT ON TABLE ${table} TO ${role}`);
  const columns = EVIDENCE_UPDATABLE_COLUMNS[name];
  if (columns) statements.push(`GRANT UPDATE (${columns.map(quote).join(', ')}) ON TABLE ${table} TO ${role}`);
  return statements;
}

async function ensureRole(owner: DataSource, role: AppRole): Promise<void> {
  const find = async (): Promise<{ rolsuper: boolean } | undefined> => {
    const rows: { rolsuper: boolean }[] = await owner.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [
      role.name,
    ]);
    return rows[0];
  };
  const [{ me }]: { me: string }[] = await owner.query('SELECT current_user AS me');
  if (me === role.name) {
    throw new Error(`the app database role "${role.name}" must not be the owner that runs the migrations (${me})`);
  }
  let found = await find();
  if (!found) {
    const password = role.password === undefined ? '' : ` PASSWORD '${role.password.replace(/'/g, "''")}'`;
    try {
      await owner.query(
        `CREATE ROLE ${quote(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password}`,
      );
    } catch (error) {
      // The role is cluster-wide: another database's start-up may have created it just now.
      if (!['42710', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
    }
    found = await find();
  }
  if (!found) throw new Error(`the app database role "${role.name}" could not be created`);
  if (found.rolsuper) {
    throw new Error(`the app database role "${role.name}" is a superuser: it could rewrite evidence; use a plain role`);
  }
}
