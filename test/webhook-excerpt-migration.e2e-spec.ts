import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { WebhookResponseExcerpt1795581000000 } from '../src/database/migrations/1795581000000-WebhookResponseExcerpt';
import { serverUrl, testDatabaseUrl } from './support/test-env';

/**
 * The data part of the migration: answers that targets gave before it move out of the texts
 * every member sees. Run on a scratch database holding only the columns it touches.
 */
describe('Migration WebhookResponseExcerpt (e2e)', () => {
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_excerpt`.slice(0, 63);
  let admin: Client;
  let db: Client;
  const runner = (): QueryRunner =>
    ({ query: async (sql: string) => (await db.query(sql)).rows }) as unknown as QueryRunner;

  beforeAll(async () => {
    admin = new Client({ connectionString: `${serverUrl()}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    db = new Client({ connectionString: `${serverUrl()}/${name}` });
    await db.connect();
    await db.query(`CREATE TABLE publication_attempts (id serial, error text)`);
    await db.query(`CREATE TABLE publications (id serial, last_error jsonb)`);
    await db.query(`CREATE TABLE posts (id serial, status_reason jsonb)`);
  });
  afterAll(async () => {
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('keeps the status line in errors and reasons, and the answer in response_excerpt only', async () => {
    await db.query(`INSERT INTO publication_attempts (error) VALUES ($1), ('no_target'), ('HTTP 503'), (NULL)`, [
      'HTTP 422: {"e":"desk-7\nline 2"}',
    ]);
    await db.query(`INSERT INTO publications (last_error) VALUES ($1), ('{"error":"no_target"}'), (NULL)`, [
      { outcome: 'permanent_failure', error: 'HTTP 422: desk-7', httpStatus: 422 },
    ]);
    await db.query(
      `INSERT INTO posts (status_reason) VALUES ($1), ($2), ('{"code":"paused"}'), (NULL), ('{"code":"publish_failed","failed":[]}')`,
      [
        {
          code: 'publish_failed',
          failed: [
            { channel: 'x', error: 'HTTP 422: desk-7' },
            { channel: 'y', error: 'no_target' },
          ],
        },
        { code: 'retrying', channels: [{ channel: 'x', error: 'HTTP 500: desk-7' }] },
      ],
    );

    await new WebhookResponseExcerpt1795581000000().up(runner());
    const attempts = await db.query(`SELECT error, response_excerpt FROM publication_attempts ORDER BY id`);
    expect(attempts.rows).toEqual([
      { error: 'HTTP 422', response_excerpt: '{"e":"desk-7\nline 2"}' },
      { error: 'no_target', response_excerpt: null },
      { error: 'HTTP 503', response_excerpt: null },
      { error: null, response_excerpt: null },
    ]);
    const publications = await db.query(`SELECT last_error FROM publications ORDER BY id`);
    expect(publications.rows.map((r: { last_error: unknown }) => r.last_error)).toEqual([
      { outcome: 'permanent_failure', error: 'HTTP 422', httpStatus: 422 },
      { error: 'no_target' },
      null,
    ]);
    const posts = await db.query(`SELECT status_reason FROM posts ORDER BY id`);
    expect(posts.rows.map((r: { status_reason: unknown }) => r.status_reason)).toEqual([
      {
        code: 'publish_failed',
        failed: [
          { channel: 'x', error: 'HTTP 422' },
          { channel: 'y', error: 'no_target' },
        ],
      },
      { code: 'retrying', channels: [{ channel: 'x', error: 'HTTP 500' }] },
      { code: 'paused' },
      null,
      { code: 'publish_failed', failed: [] },
    ]);

    await new WebhookResponseExcerpt1795581000000().down(runner());
    const reverted = await db.query(`SELECT error FROM publication_attempts ORDER BY id`);
    expect(reverted.rows[0]).toEqual({ error: 'HTTP 422: {"e":"desk-7\nline 2"}' });
  });
});
