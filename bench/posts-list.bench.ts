/**
 * The post list at scale (issue 10: "search must stay fast with 100,000 posts in a workspace"):
 * the real app over HTTP on a throwaway database, one workspace with 100,000 posts of varied
 * titles, bodies, statuses, jurisdictions and channels (a fifth unscheduled). Prints p50/p95 of
 * text searches (rare word, common word, short text) and of filtered, sorted lists and second pages.
 *
 * Run: npm run bench:posts   Optional: BENCH_POSTS (default 100000), BENCH_RUNS (default 40).
 */
import * as argon2 from 'argon2';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARM_UP = 5;
const SERVER = (process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** 100,000 posts in one statement: words picked by index so every run has the same data. */
async function seed(ds: DataSource, workspaceId: string, brandId: string, userIds: string[]): Promise<void> {
  await ds.query(
    `INSERT INTO posts (workspace_id, brand_id, created_by, status, revision, content_hash, title, body, locale, product_category,
                        communication_type, audience, channels, jurisdictions, scheduled_at, timezone, created_at, updated_at)
     SELECT $1, $2, ($3::uuid[])[1 + i % array_length($3::uuid[], 1)],
            (ARRAY['draft','in_review','approved','scheduled','published','changes_requested'])[1 + i % 6], 1, 'sha256:bench',
            (ARRAY['Ratenkredit','Tagesgeld','Depot','Girokonto','Baufinanzierung','Kreditkarte','Sparplan'])[1 + i % 7] || ' ' ||
              (ARRAY['Frühling','Sommer','Herbst','Winter'])[1 + (i / 7) % 4] || ' #' || i,
            (ARRAY['Jetzt sichern:','Neu:','Nur diesen Monat:','Exklusiv für Studierende:'])[1 + i % 4] || ' ' ||
              (ARRAY['effektiver Jahreszins ab 3,99 %','ohne Kontoführungsgebühr','mit Wechselprämie','Zinsgarantie für 12 Monate',
                     'kostenlose Kreditkarte','Sparplan ab 25 Euro'])[1 + (i / 3) % 6] ||
              '. Mehr unter bank.example/angebot-' || i || CASE WHEN i = 4711 THEN ' Zinsbonus-Jubiläum' ELSE '' END,
            'de-DE', 'consumer_credit', 'retail', 'retail',
            CASE abs(hashtext('c' || i)) % 4 WHEN 0 THEN ARRAY['instagram'] WHEN 1 THEN ARRAY['facebook','instagram'] WHEN 2 THEN ARRAY['linkedin'] ELSE ARRAY['x'] END,
            CASE abs(hashtext('j' || i)) % 4 WHEN 0 THEN ARRAY['DE'] WHEN 1 THEN ARRAY['DE','EU'] WHEN 2 THEN ARRAY['US'] ELSE ARRAY['UK'] END,
            CASE WHEN i % 5 = 0 THEN NULL ELSE now() + (((i::bigint * 7919) % $4) * interval '7 minutes') END, 'Europe/Berlin',
            now() - interval '400 days' + (i * interval '5 minutes'), now() - interval '400 days' + (((i::bigint * 104729) % $4) * interval '6 minutes')
     FROM generate_series(1, $4) AS i`,
    [workspaceId, brandId, userIds, POSTS],
  );
  await ds.query('ANALYZE posts');
}

async function main(): Promise<void> {
  const dbName = `preclear_bench_posts_${process.pid}`;
  const { app } = await createApp({
    DATABASE_URL: `${SERVER}/${dbName}`,
    QUEUE_PREFIX: `preclear-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    RUN_WORKERS: 'false',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
  });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const ds = app.get(DataSource);
    const [ws] = await ds.query<{ id: string }[]>(`INSERT INTO workspaces (name) VALUES ('Bench') RETURNING id`);
    const hash = await argon2.hash('bench-password');
    const users: string[] = [];
    for (const name of ['Anna', 'Ben', 'Chiara', 'Deniz']) {
      const [user] = await ds.query<{ id: string }[]>(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
        [`${name.toLowerCase()}@bench.test`, name, hash],
      );
      await ds.query(`INSERT INTO memberships (workspace_id, user_id, roles) VALUES ($1, $2, '{marketer}')`, [
        ws.id,
        user.id,
      ]);
      users.push(user.id);
    }
    const [brand] = await ds.query<{ id: string }[]>(
      `INSERT INTO brands (workspace_id, name, legal_name) VALUES ($1, 'B', 'B AG') RETURNING id`,
      [ws.id],
    );
    const seeding = process.hrtime.bigint();
    await seed(ds, ws.id, brand.id, users);
    console.log(`\nSeeded ${POSTS} posts in ${(Number(process.hrtime.bigint() - seeding) / 1e9).toFixed(1)} s`);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'anna@bench.test', password: 'bench-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const get = async (query: string): Promise<{ ms: number; items: number; nextCursor: string | null }> => {
      const started = process.hrtime.bigint();
      const res = await fetch(`${base}/api/v1/workspaces/${ws.id}/posts?${query}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${JSON.stringify(body)}`);
      return {
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        items: body.items.length,
        nextCursor: body.nextCursor,
      };
    };

    const firstPage = await get('status=draft&sort=-updatedAt&limit=50');
    const scenarios: [string, string][] = [
      ['search, rare word (1 match)', 'q=Zinsbonus'],
      ['search, common phrase', `q=${encodeURIComponent('Wechselprämie')}`],
      ['search, 2 characters', 'q=Zi'],
      ['search + filters', `q=Ratenkredit&jurisdiction=DE&channel=instagram&sort=-scheduledAt`],
      ['backlog (scheduled=false), newest first', 'scheduled=false&sort=-createdAt'],
      ['status=draft by -updatedAt', 'status=draft&sort=-updatedAt'],
      ['second page of the above (cursor)', `status=draft&sort=-updatedAt&cursor=${firstPage.nextCursor}`],
      ['jurisdiction+channel by scheduledAt', 'jurisdiction=US&channel=x&sort=scheduledAt'],
      [
        'jurisdiction+channel+status matching none',
        'jurisdiction=US&channel=linkedin&status=rejected&sort=scheduledAt',
      ],
      ['author=me by title', 'author=me&sort=title'],
      ['everything by -title', 'sort=-title'],
    ];
    console.log(
      `Post list over HTTP (real app, Postgres, ${POSTS} posts in one workspace, 50 per page, ${RUNS} runs after ${WARM_UP} to warm up)`,
    );
    for (const [label, query] of scenarios) {
      const samples: number[] = [];
      let items = 0;
      for (let i = 0; i < WARM_UP + RUNS; i++) {
        const run = await get(query);
        if (i >= WARM_UP) samples.push(run.ms);
        items = run.items;
      }
      samples.sort((a, b) => a - b);
      console.log(
        `  ${label.padEnd(42)} p50 ${percentile(samples, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(6)} ms   (${items} items)`,
      );
    }
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
