/// <reference lib="dom" />
/**
 * The web app as a browser meets it (Debian's Chromium through playwright-core, the real app
 * on a throwaway database). Prints:
 *   - the initial JavaScript of sign-in and calendar, gzip (target <= 250 kB; the editor, review
 *     and feed views are split off and load on demand);
 *   - a month with 2,000 posts: from navigation to every entry rendered and the page idle
 *     (target <= 1 s);
 *   - the live check's round trip while typing, as the editor sends it (p50/p95; target p95 < 150 ms).
 *
 * Run: npm run bench:web (builds the web app first when it is stale).
 */
import * as argon2 from 'argon2';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';
import { ensureWebBuild } from '../test/browser/support/web-build';

const POSTS = 2000;
const CHECKS = 60;
const SERVER = (process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const DIST = resolve(__dirname, '..', 'dist', 'web');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The scripts index.html loads before anything is clicked: the entry and its preloads. */
function initialJavaScriptGzip(): { files: string[]; bytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0);
  return { files, bytes };
}

async function seed(ds: DataSource): Promise<{ workspaceId: string; brandId: string }> {
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
  // 2,000 posts in the current month (UTC), about 65 a day, in several states and zones.
  await ds.query(
    `INSERT INTO posts (workspace_id, brand_id, created_by, status, revision, content_hash, title, body, locale, product_category,
                        communication_type, audience, channels, jurisdictions, scheduled_at, timezone)
     SELECT $1, $2, $3, (ARRAY['draft','in_review','approved','scheduled','published'])[1 + i % 5], 1, 'sha256:bench',
            'Campaign post ' || i, 'Body ' || i, 'de-DE', 'deposit', 'retail', 'retail', ARRAY['instagram','facebook'], ARRAY['DE'],
            date_trunc('month', now()) + ((i - 1) * ((interval '28 days') / $4)),
            (ARRAY['Europe/Berlin','America/New_York','Europe/London','Europe/Warsaw'])[1 + i % 4]
     FROM generate_series(1, $4) AS i`,
    [ws.id, brand.id, user.id, POSTS],
  );
  return { workspaceId: ws.id, brandId: brand.id };
}

async function main(): Promise<void> {
  ensureWebBuild();
  const bundle = initialJavaScriptGzip();
  const dbName = `preclear_bench_web_${process.pid}`;
  const { app } = await createApp({
    DATABASE_URL: `${SERVER}/${dbName}`,
    QUEUE_PREFIX: `preclear-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    RUN_WORKERS: 'false',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
  });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  try {
    const { workspaceId, brandId } = await seed(app.get(DataSource));
    const page = await browser.newPage({ baseURL: base, viewport: { width: 1440, height: 900 } });
    await page.goto('/');
    await page.getByLabel('E-mail').fill('bench@x.test');
    await page.getByLabel('Password').fill('bench-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation').waitFor();

    // The month, cold from a reload: navigation to all entries rendered, then the next idle frame.
    const started = Date.now();
    await page.reload();
    await page.locator('.event').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    const monthMs = Date.now() - started;

    // The month's data alone, as the calendar now reads it (entries) and as it read it before
    // (whole posts), measured the same way in the same run: request to parsed JSON.
    const monthData = await page.evaluate(
      async ({ ws, n }) => {
        const now = new Date();
        const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
        const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
        const measure = async (path: string) => {
          const times: number[] = [];
          let bytes = 0;
          for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            const text = await (
              await fetch(`/api/v1/workspaces/${ws}/${path}?from=${from}&to=${to}&limit=2500`)
            ).text();
            const parsed = JSON.parse(text) as { items: unknown[] };
            if (parsed.items.length === 0) throw new Error(`${path} returned no posts`);
            times.push(performance.now() - t0);
            bytes = text.length;
          }
          times.sort((a, b) => a - b);
          return { median: times[Math.floor(n / 2)], bytes };
        };
        return { entries: await measure('calendar/entries'), posts: await measure('calendar') };
      },
      { ws: workspaceId, n: 7 },
    );

    // The live check as the editor sends it, from the page (cookie, CSRF token, JSON).
    const samples = await page.evaluate(
      async ({ ws, brand, n }) => {
        const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
        const out: number[] = [];
        for (let i = 0; i < n; i++) {
          const body = JSON.stringify({
            brandId: brand,
            body: `Jetzt den Ratenkredit sichern: ${i % 10},99 % effektiver Jahreszins. Werbung`,
            locale: 'de-DE',
            productCategory: 'consumer_credit',
            communicationType: 'retail',
            audience: 'retail',
            channels: ['instagram'],
            jurisdictions: ['DE'],
            links: [],
          });
          const t0 = performance.now();
          const res = await fetch(`/api/v1/workspaces/${ws}/compliance/check?lang=de`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
            body,
          });
          await res.json();
          if (res.status !== 200) throw new Error(`check answered ${res.status}`);
          out.push(performance.now() - t0);
        }
        return out;
      },
      { ws: workspaceId, brand: brandId, n: CHECKS },
    );
    samples.sort((a, b) => a - b);
    console.log('\nWeb app (Chromium, real app and Postgres)');
    console.log(
      `  initial JavaScript (sign-in + calendar): ${(bundle.bytes / 1024).toFixed(1)} kB gzip in ${bundle.files.length} file(s) (target <= 250 kB)`,
    );
    console.log(`  month with ${POSTS} posts, reload to rendered and idle: ${monthMs} ms (target <= 1000 ms)`);
    console.log(
      `  month data, request to parsed JSON (median of 7): calendar entries ${monthData.entries.median.toFixed(0)} ms, ${(monthData.entries.bytes / 1024).toFixed(0)} kB; ` +
        `whole posts (before) ${monthData.posts.median.toFixed(0)} ms, ${(monthData.posts.bytes / 1024).toFixed(0)} kB`,
    );
    console.log(
      `  live check round trip, ${CHECKS} requests: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (target p95 < 150 ms)`,
    );
  } finally {
    await browser.close();
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
