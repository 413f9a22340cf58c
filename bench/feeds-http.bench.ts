/**
 * The feed over HTTP, as a calendar client meets it: the real app on a throwaway database,
 * a workspace with 5,000 scheduled posts, one subscribed feed. Prints the first (cold) GET,
 * a GET after a change, and conditional GETs answered 304 (p50/p90/p99/max).
 *
 * Run: npm run bench:feeds (after bench/feeds.bench.ts), or
 *      npx ts-node -r tsconfig-paths/register --transpile-only bench/feeds-http.bench.ts
 */
import * as argon2 from 'argon2';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';

const POSTS = Number(process.env.BENCH_EVENTS ?? 5000);
const CONDITIONAL = 2000;
/** Requests before measuring, so the JIT has compiled the 304 path as a client would find it. */
const WARM_UP = 100;
const SERVER = (process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs WARM_UP + CONDITIONAL conditional GETs in a child process; returns the measured latencies (ms). */
async function conditionalRequestsFromAnotherProcess(url: string, etag: string): Promise<number[]> {
  const client = `
    const [url, etag, warmUp, count] = process.argv.slice(1);
    (async () => {
      const samples = [];
      for (let i = 0; i < Number(warmUp) + Number(count); i++) {
        const started = process.hrtime.bigint();
        const res = await fetch(url, { headers: { 'if-none-match': etag } });
        await res.arrayBuffer();
        if (res.status !== 304) throw new Error('expected 304, got ' + res.status);
        if (i >= Number(warmUp)) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      process.stdout.write(JSON.stringify(samples));
    })();`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-e', client, url, etag, String(WARM_UP), String(CONDITIONAL)],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as number[];
}

async function main(): Promise<void> {
  const dbName = `preclear_bench_feeds_${process.pid}`;
  const { app } = await createApp({
    DATABASE_URL: `${SERVER}/${dbName}`,
    QUEUE_PREFIX: `preclear-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    RUN_WORKERS: 'false',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    PUBLIC_URL: 'https://preclear.bench.example',
  });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const ds = app.get(DataSource);
    const [ws] = await ds.query<{ id: string }[]>(`INSERT INTO workspaces (name) VALUES ('Bench') RETURNING id`);
    const [user] = await ds.query<{ id: string }[]>(
      `INSERT INTO users (email, name, password_hash) VALUES ('bench@x.test', 'Bench', $1) RETURNING id`,
      [await argon2.hash('bench-password')],
    );
    await ds.query(`INSERT INTO memberships (workspace_id, user_id, roles) VALUES ($1, $2, '{marketer}')`, [
      ws.id,
      user.id,
    ]);
    const [brand] = await ds.query<{ id: string }[]>(
      `INSERT INTO brands (workspace_id, name, legal_name) VALUES ($1, 'B', 'B AG') RETURNING id`,
      [ws.id],
    );
    // 5,000 posts spread over the feed window in four zones, in several states.
    await ds.query(
      `INSERT INTO posts (workspace_id, brand_id, created_by, status, revision, content_hash, title, body, locale, product_category,
                          communication_type, audience, channels, jurisdictions, scheduled_at, timezone, feed_sequence)
       SELECT $1, $2, $3, (ARRAY['draft','in_review','approved','scheduled','published'])[1 + i % 5], 1, 'sha256:bench',
              'Campaign post ' || i || ' – Frühjahrs-Sparaktion', 'Body ' || i, 'de-DE', 'deposit', 'retail', 'retail',
              ARRAY['instagram','facebook'], ARRAY['DE'],
              now() - interval '80 days' + (i * interval '100 minutes'),
              (ARRAY['Europe/Berlin','America/New_York','Europe/London','Europe/Warsaw'])[1 + i % 4], i % 7
       FROM generate_series(1, $4) AS i`,
      [ws.id, brand.id, user.id, POSTS],
    );
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@x.test', password: 'bench-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(`${base}/api/v1/workspaces/${ws.id}/feeds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'Bench feed' }),
    });
    const feedPath = new URL(((await created.json()) as { url: string }).url).pathname;

    const timed = async (
      headers: Record<string, string> = {},
    ): Promise<{ ms: number; status: number; etag: string; bytes: number }> => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${base}${feedPath}`, { headers });
      const body = await res.arrayBuffer();
      return {
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        status: res.status,
        etag: res.headers.get('etag') ?? '',
        bytes: body.byteLength,
      };
    };
    const cold = await timed();
    await ds.query(
      `UPDATE posts SET title = title || ' (edited)', feed_sequence = feed_sequence + 1, updated_at = now() WHERE id = (SELECT id FROM posts WHERE workspace_id = $1 LIMIT 1)`,
      [ws.id],
    );
    const afterChange = await timed();
    // The conditional requests come from a separate client process, as a calendar server's
    // would: the client's own work and garbage collection then stay out of the server's figures.
    const samples = await conditionalRequestsFromAnotherProcess(`${base}${feedPath}`, afterChange.etag);
    samples.sort((a, b) => a - b);
    console.log(`\nFeed over HTTP (real app, Postgres, ${POSTS} posts in the window)`);
    console.log(
      `  first GET in the process (query + cold render): ${cold.ms.toFixed(1)} ms, ${cold.status}, ${(cold.bytes / 1e6).toFixed(2)} MB`,
    );
    console.log(`  GET after one post changed (block cache warm):  ${afterChange.ms.toFixed(1)} ms`);
    console.log(
      `  conditional GET -> 304, ${CONDITIONAL} requests after ${WARM_UP} to warm up: p50 ${percentile(samples, 50).toFixed(2)} ms, p90 ${percentile(samples, 90).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms, max ${samples[samples.length - 1].toFixed(2)} ms (target < 5 ms)`,
    );
  } finally {
    await app.close();
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
