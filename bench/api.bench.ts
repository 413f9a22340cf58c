/**
 * The API under load: the real app on a throwaway database, 50 concurrent clients (autocannon,
 * in a separate process so the load generator does not share the server's event loop) creating
 * posts (POST /workspaces/:ws/posts) and running checks (POST /workspaces/:ws/compliance/check)
 * with a realistic body. Prints p50/p95/p99 latency and requests/s of each, and the same figures
 * for a bare Nest route (a trivial GET on a minimal Nest app, same process, same run) as the
 * baseline: the ratio is what the app's own work costs over the framework's.
 *
 * Run: npm run bench:api   Optional: BENCH_SECONDS (per route, default 10), BENCH_CONNECTIONS (default 50).
 */
import * as argon2 from 'argon2';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import * as pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARM_UP_SECONDS = 2;
/** Workspaces the second create run spreads its clients over. */
const SPREAD_WORKSPACES = 10;
const TARGET_P95_MS = 50;
const SERVER = (process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

interface Load {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  ok: number;
  failed: number;
  /** Server CPU (this process: app, driver, GC) per response, in µs. */
  cpuPerRequest: number;
}

@Controller()
class BareController {
  @Get('ping')
  ping(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/**
 * Runs autocannon in a child process and returns the latency of every response (autocannon's
 * own summary has no p95). Several targets split the connections between them.
 */
async function load(targets: readonly Load[], seconds: number): Promise<Figures> {
  const runs = await Promise.all(
    targets.map((target) => loadOne(target, seconds, Math.max(1, Math.round(CONNECTIONS / targets.length)))),
  );
  const sorted = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const sum = (pick: (run: Run) => number): number => runs.reduce((total, run) => total + pick(run), 0);
  return {
    p50: at(50),
    p95: at(95),
    p99: at(99),
    rps: sorted.length / runs[0].seconds,
    ok: sum((r) => r.ok),
    failed: sum((r) => r.failed),
    cpuPerRequest: NaN,
  };
}

interface Run {
  latencies: number[];
  ok: number;
  failed: number;
  seconds: number;
}

async function loadOne(target: Load, seconds: number, connections: number): Promise<Run> {
  const script = `
    const autocannon = require('autocannon');
    const [json, seconds, connections] = process.argv.slice(1);
    const target = JSON.parse(json);
    const latencies = [];
    let ok = 0, failed = 0;
    const instance = autocannon({ ...target, connections: Number(connections), duration: Number(seconds) }, (error, result) => {
      if (error) throw error;
      process.stdout.write(JSON.stringify({ latencies, ok, failed, seconds: result.duration }));
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 200 && status < 300) ok++; else failed++;
    });`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-e', script, JSON.stringify(target), String(seconds), String(connections)],
    {
      maxBuffer: 256 * 1024 * 1024,
      cwd: __dirname,
    },
  );
  return JSON.parse(stdout) as Run;
}

/**
 * Statements the app sends to Postgres per request (BEGIN and COMMIT included), counted on the
 * driver while one client sends `requests` requests one after the other.
 */
async function statementsPerRequest(target: Load, requests: number): Promise<number> {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let statements = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
  try {
    for (let i = 0; i < requests; i++) {
      const res = await fetch(target.url, { method: target.method, headers: target.headers, body: target.body });
      if (!res.ok) throw new Error(`${target.url} answered ${res.status}`);
      await res.arrayBuffer();
    }
  } finally {
    prototype.query = original;
  }
  return statements / requests;
}

/** The targets share the connections (one client process each); a warm-up run first. */
async function measure(...targets: Load[]): Promise<Figures> {
  await load(targets, WARM_UP_SECONDS);
  const cpuBefore = process.cpuUsage();
  const figures = await load(targets, SECONDS);
  const cpu = process.cpuUsage(cpuBefore);
  return { ...figures, cpuPerRequest: (cpu.user + cpu.system) / (figures.ok + figures.failed) };
}

function line(label: string, f: Figures, bare?: Figures, target?: number): string {
  const ratio = bare
    ? `  (${(f.p50 / bare.p50).toFixed(1)}x bare p50, ${(bare.rps / f.rps).toFixed(1)}x fewer req/s)`
    : '';
  const goal =
    target === undefined
      ? ''
      : f.p95 < target
        ? `  p95 target < ${target} ms: met`
        : `  p95 target < ${target} ms: NOT met`;
  const failed = f.failed ? `, ${f.failed} non-2xx` : '';
  return `  ${label.padEnd(34)} p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, ${f.rps.toFixed(0)} req/s, ${f.cpuPerRequest.toFixed(0)} µs CPU/req${failed}${ratio}${goal}`;
}

interface Workspace {
  workspaceId: string;
  brandId: string;
}

/** Workspaces each with a brand and the same marketer, seeded directly; the token comes from a real login. */
async function seed(ds: DataSource, base: string, count: number): Promise<{ workspaces: Workspace[]; token: string }> {
  const [user] = await ds.query<{ id: string }[]>(
    `INSERT INTO users (email, name, password_hash) VALUES ('bench@x.test', 'Bench', $1) RETURNING id`,
    [await argon2.hash('bench-password')],
  );
  const workspaces: Workspace[] = [];
  for (let i = 0; i < count; i++) {
    const [ws] = await ds.query<{ id: string }[]>(`INSERT INTO workspaces (name) VALUES ($1) RETURNING id`, [
      `Bench ${i}`,
    ]);
    await ds.query(`INSERT INTO memberships (workspace_id, user_id, roles) VALUES ($1, $2, '{marketer}')`, [
      ws.id,
      user.id,
    ]);
    const [brand] = await ds.query<{ id: string }[]>(
      `INSERT INTO brands (workspace_id, name, legal_name) VALUES ($1, 'Bank', 'Bank AG') RETURNING id`,
      [ws.id],
    );
    workspaces.push({ workspaceId: ws.id, brandId: brand.id });
  }
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@x.test', password: 'bench-password' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { workspaces, token: accessToken };
}

/** A post as a marketer writes one: German consumer credit, two channels, a link and an image. */
function postBody(brandId: string): string {
  return JSON.stringify({
    brandId,
    title: 'Frühjahrs-Ratenkredit DE',
    body: 'Jetzt sichern: unser Ratenkredit ab 3,99 % effektiver Jahreszins. Mehr unter https://bank.example/kredit #Finanzen',
    locale: 'de-DE',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    interactive: false,
    paid: true,
    influencer: false,
    channels: ['instagram', 'facebook'],
    jurisdictions: ['DE', 'EU'],
    links: ['https://bank.example/kredit'],
    media: [{ kind: 'image', altText: 'Eine Familie vor ihrem neuen Auto' }],
    scheduledAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    timezone: 'Europe/Berlin',
  });
}

async function main(): Promise<void> {
  const bare = await NestFactory.create(BareModule, { logger: false });
  await bare.listen(0, '127.0.0.1');
  const dbName = `preclear_bench_api_${process.pid}`;
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
    const { workspaces, token } = await seed(app.get(DataSource), base, SPREAD_WORKSPACES);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const [{ workspaceId, brandId }] = workspaces;
    const body = postBody(brandId);
    // Counted first, while nothing else is in flight (a load run's last requests finish after it stops).
    const statements = {
      create: await statementsPerRequest(
        { url: `${base}/api/v1/workspaces/${workspaceId}/posts`, method: 'POST', headers, body },
        20,
      ),
      check: await statementsPerRequest(
        { url: `${base}/api/v1/workspaces/${workspaceId}/compliance/check`, method: 'POST', headers, body },
        20,
      ),
    };
    const bareFigures = await measure({
      url: `http://127.0.0.1:${(bare.getHttpServer().address() as AddressInfo).port}/ping`,
      method: 'GET',
    });
    const create = await measure({
      url: `${base}/api/v1/workspaces/${workspaceId}/posts`,
      method: 'POST',
      headers,
      body,
    });
    // The same load over several workspaces: each workspace's audit chain takes its writers one at a time.
    const spread = await measure(
      ...workspaces.map((ws) => ({
        url: `${base}/api/v1/workspaces/${ws.workspaceId}/posts`,
        method: 'POST' as const,
        headers,
        body: postBody(ws.brandId),
      })),
    );
    const check = await measure({
      url: `${base}/api/v1/workspaces/${workspaceId}/compliance/check`,
      method: 'POST',
      headers,
      body,
    });

    console.log(
      `\nAPI under load (real app, Postgres; ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARM_UP_SECONDS} s warm-up)`,
    );
    console.log(line('bare Nest GET /ping (baseline)', bareFigures));
    console.log(line('POST /workspaces/:ws/posts', create, bareFigures, TARGET_P95_MS));
    console.log(line(`  same, over ${SPREAD_WORKSPACES} workspaces`, spread, bareFigures, TARGET_P95_MS));
    console.log(line('POST /workspaces/:ws/compliance/check', check, bareFigures, TARGET_P95_MS));
    console.log(
      `  Postgres statements per request (auth included): create ${statements.create.toFixed(1)}, check ${statements.check.toFixed(1)}`,
    );
  } finally {
    await app.close();
    await bare.close();
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
