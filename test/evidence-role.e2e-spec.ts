import { createApp } from '../src/bootstrap';
import { EVIDENCE_TABLES } from '../src/database/app-role';
import { testDatabaseUrl, testQueuePrefix } from './support/test-env';
import { createBrand, createPost } from './support/fixtures';
import { ALL_ROLES, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { approvePost, compliantGermanCreditPost, DE_BANK_PROFILE } from './support/workflow-fixtures';

/**
 * The pool that serves requests and runs workers is a restricted role: not a superuser, owner of
 * nothing, and unable to rewrite evidence however it is tricked into sending SQL.
 */
describe('Restricted database role (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let postId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, ALL_ROLES);
    const brand = await createBrand(t, ws.id, ws.members.admin, { profile: DE_BANK_PROFILE });
    postId = (await createPost(t, ws.id, ws.members.marketer, compliantGermanCreditPost(brand.id))).id;
    await approvePost(t, ws, postId);
  });
  afterAll(() => t.close());

  it('connects as a plain role that owns no table', async () => {
    const [me] = await t.dataSource.query(
      `SELECT current_user AS name, r.rolsuper, r.rolcreaterole, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(me).toEqual({ name: 'preclear_app', rolsuper: false, rolcreaterole: false, rolbypassrls: false });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`,
    );
    expect(n).toBe(0);
    const [owner] = await t.owner.query('SELECT current_user AS name');
    expect(owner.name).not.toBe('preclear_app');
  });

  it.each(EVIDENCE_TABLES.map((table) => [table]))('may not UPDATE, DELETE or TRUNCATE %s', async (table) => {
    // Any column will do (not every evidence table has an `id`: media are keyed by workspace and hash).
    const [{ column }] = await t.owner.query(
      `SELECT column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position LIMIT 1`,
      [table],
    );
    await expect(t.dataSource.query(`UPDATE ${table} SET "${column}" = "${column}" WHERE false`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.dataSource.query(`DELETE FROM ${table} WHERE false`)).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
  });

  it('may not switch off triggers for the session or rewrite a signature', async () => {
    await expect(t.dataSource.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(
      t.dataSource.query(`UPDATE review_decisions SET decision = 'reject' WHERE post_id = $1`, [postId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      t.dataSource.query(`UPDATE audit_entries SET actor = 'someone' WHERE chain = $1`, [ws.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query(`DELETE FROM post_revisions WHERE post_id = $1`, [postId])).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.dataSource.query(`CREATE TABLE sneaky (id int)`)).rejects.toThrow(/permission denied/);
  });

  it('still does the ordinary work on the other tables', async () => {
    await expect(t.dataSource.query(`UPDATE posts SET title = title WHERE id = $1`, [postId])).resolves.toBeDefined();
    await expect(t.dataSource.query(`SELECT count(*) FROM migrations`)).rejects.toThrow(/permission denied/);
  });

  it('refuses to start when the app connection is the owner itself', async () => {
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: testDatabaseUrl(),
      QUEUE_PREFIX: testQueuePrefix(),
      LOG_LEVEL: 'silent',
      RUN_WORKERS: 'false',
    };
    await expect(createApp({ ...env, DATABASE_APP_URL: testDatabaseUrl() })).rejects.toThrow(/must not be the owner/);
  });
});
