/**
 * Publishing benchmark (issue 5): 5,000 approved posts all due within the same minute,
 * published by a worker process (test/support/worker-main.ts: the whole app with
 * RUN_WORKERS=true) through the webhook adapter to a local HTTP receiver. In the same run, the
 * baseline: the same number of delayed jobs with the same due times through a bare Bull queue
 * whose processor does nothing.
 *
 * Two scenarios per system:
 *   burst   every post due at the same instant: throughput here is capacity;
 *   spread  the due times spread evenly over BENCH_SPREAD_MS (default 10 s, i.e. 500 posts/s
 *           offered, the target rate): the lag here is what a reader of the calendar sees.
 * Reported: throughput (posts / (last receipt - first due)), lag from scheduledAt to receipt
 * (p50, p99, max), the worker's peak resident memory, and per post: the SQL statements the
 * worker sent (BEGIN and COMMIT included; bench/support/statement-counter.ts, preloaded into
 * the worker), the worker's CPU time and the CPU time of the database's backends (from
 * /proc: Postgres must run on this host). The CPU times are the figures to compare on a
 * shared machine, where throughput moves with the load. Targets: at least 1,500 posts/s
 * (burst) and a p99 lag under 2 s (spread). BENCH_STATEMENTS=1 also lists the statements;
 * BENCH_PROFILE_DIR=<dir> writes a CPU profile of the worker there.
 *
 * Run: npm run bench:publish
 * Optional: BENCH_POSTS (5000), BENCH_SPREAD_MS (10000), BENCH_LEAD_MS (8000: time to seed
 * before the first post is due), BENCH_CONCURRENCY (WORKER_CONCURRENCY, 128), BENCH_WORKSPACES
 * (1: every post of one workspace, the worst case, since each workspace's audit chain takes its
 * transitions one at a time), REDIS_URL, PRECLEAR_TEST_PG (a Postgres URL without a database).
 *
 * It creates its own database and Redis key prefixes and removes them at the end.
 */
import Bull from 'bull';
import Redis from 'ioredis';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { prepareDatabase } from '../src/database/prepare-database';
import { SecretBox } from '../src/publishing/secret-box';
import { PUBLISH_QUEUE } from '../src/queue/queue.constants';
import { redisOptionsFromUrl } from '../src/queue/redis-options';
import { PUBLISH_JOB, publishJobId, type PublishJobData } from '../src/scheduling/domain/publish-job';
import { DE_BANK_PROFILE, insertScheduledPosts } from '../test/support/scheduled-post';
import { WebhookReceiver } from '../test/support/webhook-receiver';

const POSTS = Number(process.env.BENCH_POSTS ?? 5000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 128);
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 1);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG = (process.env.PRECLEAR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const SECRETS_KEY = 'bench-channel-secrets-key-0123456789abcdef';
/** Time to seed and enqueue every post before the first one is due. */
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 8000);
const WAIT_MS = 300_000;
const LIST_STATEMENTS = process.env.BENCH_STATEMENTS === '1';
/** A directory for a V8 CPU profile of the worker (node --cpu-prof), written when it stops. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const TARGET_POSTS_PER_S = 1500;

const SCENARIOS = [
  { label: 'burst', spreadMs: 0 },
  { label: `spread ${SPREAD_MS / 1000}s`, spreadMs: SPREAD_MS },
];

interface Stats {
  throughput: number;
  p50: number;
  p99: number;
  max: number;
}

/** What one scenario cost the worker and the database, per post. */
interface Cost {
  statements: number;
  workerCpuMs: number;
  postgresCpuMs: number;
}

interface Delivery {
  dueAt: number;
  at: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarize(deliveries: Delivery[]): Stats {
  const lags = deliveries.map((d) => d.at - d.dueAt).sort((a, b) => a - b);
  const firstDue = Math.min(...deliveries.map((d) => d.dueAt));
  const lastDone = Math.max(...deliveries.map((d) => d.at));
  return {
    throughput: deliveries.length / ((lastDone - firstDue) / 1000),
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags[lags.length - 1],
  };
}

function dueTimes(start: number, spreadMs: number): Date[] {
  return Array.from({ length: POSTS }, (_, i) => new Date(start + Math.floor((i * spreadMs) / POSTS)));
}

/** Resident memory of a process: now (VmRSS) or its peak so far (VmHWM), Linux. */
function rssMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms; NaN once it is gone. */
function cpuMs(pid: number | undefined): number {
  try {
    // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * The CPU time the backends of one database use while `work` runs. Backends come and go
 * with the pool, so they are sampled every 200 ms and each one's last reading counts.
 */
async function postgresCpuDuring(
  dataSource: DataSource,
  databaseName: string,
  work: () => Promise<void>,
): Promise<number> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = async (): Promise<void> => {
    const rows: { pid: number }[] = await dataSource.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [databaseName],
    );
    for (const { pid } of rows) {
      const ms = cpuMs(pid);
      if (Number.isNaN(ms)) continue;
      if (!first.has(pid)) first.set(pid, ms);
      last.set(pid, ms);
    }
  };
  await sample();
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(sample).catch(() => undefined);
  }, 200);
  try {
    await work();
  } finally {
    clearInterval(timer);
    await sampling;
    await sample();
  }
  // A backend first seen during the run started during it: all of its time counts.
  return [...last].reduce((sum, [pid, ms]) => sum + ms - (first.get(pid) ?? 0), 0);
}

/** The worker's statement counts since the last call (bench/support/statement-counter.ts). */
function takeStatements(worker: ChildProcess): Promise<Record<string, number>> {
  return new Promise((resolve) => {
    const onMessage = (message: { statements?: Record<string, number> }): void => {
      if (!message?.statements) return;
      worker.off('message', onMessage);
      resolve(message.statements);
    };
    worker.on('message', onMessage);
    worker.send({ statements: 'take' });
  });
}

function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      message === 'ready' ? resolve() : reject(new Error(`unexpected ${JSON.stringify(message)}`)),
    );
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
}

/** SIGTERM (Nest closes the app), SIGKILL if that takes too long. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Preclear: the worker process publishes what the ScheduleGate would have enqueued. */
async function preclearRun(
  databaseUrl: string,
  prefix: string,
): Promise<{ stats: Stats[]; costs: Cost[]; peakRssMb: number; idleRssMb: number }> {
  await prepareDatabase(databaseUrl);
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 4 } });
  await dataSource.initialize();
  const receiver = await WebhookReceiver.start('bench-receiver-secret-0123456789');
  const worker = fork(join(__dirname, '..', 'test', 'support', 'worker-main.ts'), [], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      CHANNEL_SECRETS_KEY: SECRETS_KEY,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      // The bench enqueues like the ScheduleGate does; the reconciler only runs at start.
      RECONCILE_INTERVAL_MS: '600000',
    },
    execArgv: [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      '-r',
      join(__dirname, 'support', 'statement-counter.ts'),
      ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue = new Bull<PublishJobData>(PUBLISH_QUEUE, { redis: redisOptionsFromUrl(REDIS_URL), prefix });
  try {
    const [user] = await dataSource.query(
      `INSERT INTO users (email, name) VALUES ($1, 'Bench marketer') RETURNING id`,
      [`bench-${randomUUID()}@bench.preclear`],
    );
    const tenants: { workspaceId: string; brandId: string }[] = [];
    for (let w = 0; w < WORKSPACES; w++) {
      const [workspace] = await dataSource.query(`INSERT INTO workspaces (name) VALUES ($1) RETURNING id`, [
        `Bench ${w + 1}`,
      ]);
      const [brand] = await dataSource.query(
        `INSERT INTO brands (workspace_id, name, legal_name, profile) VALUES ($1, 'Musterbank', 'Musterbank AG', $2) RETURNING id`,
        [workspace.id, JSON.stringify(DE_BANK_PROFILE)],
      );
      await dataSource.query(
        `INSERT INTO channel_targets (workspace_id, brand_id, channel, name, adapter, url, secret_sealed, created_by)
         VALUES ($1, $2, 'instagram', 'Bench receiver', 'webhook', $3, $4, 'system')`,
        [workspace.id, brand.id, receiver.url, new SecretBox(SECRETS_KEY).seal(receiver.secret)],
      );
      tenants.push({ workspaceId: workspace.id, brandId: brand.id });
    }
    await ready(worker);
    const idleRssMb = rssMb(worker.pid, 'VmRSS');

    const stats: Stats[] = [];
    const costs: Cost[] = [];
    const databaseName = new URL(databaseUrl).pathname.slice(1);
    for (const scenario of SCENARIOS) {
      receiver.clear();
      const firstDue = Date.now() + LEAD_MS;
      const due = dueTimes(firstDue, scenario.spreadMs);
      const jobs: { postId: string; workspaceId: string; dueAt: Date }[] = [];
      for (const [w, tenant] of tenants.entries()) {
        const mine = due.filter((_, i) => i % WORKSPACES === w);
        const ids = await insertScheduledPosts(dataSource, {
          workspaceId: tenant.workspaceId,
          brandId: tenant.brandId,
          userId: user.id,
          posts: mine.map((dueAt) => ({ dueAt })),
        });
        ids.forEach((postId, i) => jobs.push({ postId, workspaceId: tenant.workspaceId, dueAt: mine[i] }));
      }
      // Posts approved ahead of time were judged by the rule-change watch long before they are due;
      // without their verdicts its minute sweep would judge all 5,000 in the middle of a scenario.
      await dataSource.query(
        `INSERT INTO post_verdicts (post_id, workspace_id, revision, verdict, pack_versions, evaluated_at)
         SELECT DISTINCT ON (s.post_id) s.post_id, s.workspace_id, s.revision, s.verdict, s.pack_versions, now()
           FROM submissions s WHERE s.post_id = ANY($1::uuid[]) ORDER BY s.post_id, s.submitted_at DESC`,
        [jobs.map((job) => job.postId)],
      );
      // What the ScheduleGate does on approval: one delayed job per post, with its deterministic id.
      await Promise.all(
        jobs.map((job) =>
          queue.add(
            PUBLISH_JOB,
            { postId: job.postId, workspaceId: job.workspaceId, revision: 1, dispatch: 0 },
            {
              jobId: publishJobId(job.postId, 1, 0),
              delay: job.dueAt.getTime() - Date.now(),
              removeOnComplete: true,
              removeOnFail: true,
            },
          ),
        ),
      );
      if (Date.now() > firstDue) throw new Error('seeding took longer than the lead time');

      await takeStatements(worker);
      const workerCpuBefore = cpuMs(worker.pid);
      const postgresCpuMs = await postgresCpuDuring(dataSource, databaseName, async () => {
        await waitFor(() => receiver.byKey().size >= POSTS, `${POSTS} posts`);
        // Long enough for a duplicate, if there were one, to arrive (and for the last finishes to commit).
        await new Promise((resolve) => setTimeout(resolve, 1000));
      });
      const workerCpuMs = cpuMs(worker.pid) - workerCpuBefore;
      const statements = await takeStatements(worker);
      const statementCount = Object.values(statements).reduce((a, b) => a + b, 0);
      costs.push({
        statements: statementCount / POSTS,
        workerCpuMs: workerCpuMs / POSTS,
        postgresCpuMs: postgresCpuMs / POSTS,
      });
      if (LIST_STATEMENTS) listStatements(scenario.label, statements);
      const dueById = new Map(jobs.map((job) => [job.postId, job.dueAt.getTime()]));
      const ids = jobs.map((j) => j.postId);
      const [{ published }] = await dataSource.query(
        `SELECT count(*)::int AS published FROM posts WHERE id = ANY($1::uuid[]) AND status = 'published'`,
        [ids],
      );
      const duplicates = receiver.requests.length - receiver.byKey().size;
      const badSignatures = receiver.requests.filter((r) => !r.signatureValid).length;
      console.log(
        `  ${scenario.label}: ${receiver.byKey().size} posts received, ${duplicates} duplicates, ${badSignatures} bad signatures, ${published} published in Postgres`,
      );
      stats.push(
        summarize(receiver.requests.map((r) => ({ dueAt: dueById.get(r.body.postId) ?? NaN, at: r.receivedAt }))),
      );
    }
    return { stats, costs, peakRssMb: rssMb(worker.pid), idleRssMb };
  } finally {
    await stop(worker);
    await queue.close();
    await receiver.close();
    await dataSource.destroy();
  }
}

function listStatements(label: string, statements: Record<string, number>): void {
  console.log(`  ${label}: statements per 1,000 posts, most frequent first`);
  for (const [sql, count] of Object.entries(statements).sort((a, b) => b[1] - a[1])) {
    console.log(`    ${((count * 1000) / POSTS).toFixed(1).padStart(8)}  ${sql}`);
  }
}

/**
 * The baseline's worker: plain JavaScript run by node itself (no ts-node, no Nest), a bare
 * Bull queue whose processor only notes when it ran each job.
 */
const BASELINE_WORKER = `
const Bull = require('bull');
const url = new URL(process.env.REDIS_URL);
const queue = new Bull('baseline', { prefix: process.env.QUEUE_PREFIX, redis: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) } });
let done = [];
process.on('message', () => { process.send({ done }); done = []; });
queue.process('noop', Number(process.env.BENCH_CONCURRENCY), async (job) => { done.push({ dueAt: job.data.dueAt, at: Date.now() }); });
queue.isReady().then(() => process.send('ready'));
`;

async function baselineRun(prefix: string): Promise<{ stats: Stats[]; peakRssMb: number }> {
  const worker = spawn(process.execPath, ['-e', BASELINE_WORKER], {
    env: { ...process.env, REDIS_URL, QUEUE_PREFIX: prefix, BENCH_CONCURRENCY: String(CONCURRENCY) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    cwd: join(__dirname, '..'),
  });
  const queue = new Bull<{ dueAt: number }>('baseline', { redis: redisOptionsFromUrl(REDIS_URL), prefix });
  let done: Delivery[] = [];
  worker.on('message', (message: { done?: Delivery[] }) => {
    if (message.done) done.push(...message.done);
  });
  try {
    await ready(worker);
    const stats: Stats[] = [];
    for (const [s, scenario] of SCENARIOS.entries()) {
      done = [];
      const firstDue = Date.now() + LEAD_MS;
      const due = dueTimes(firstDue, scenario.spreadMs);
      await Promise.all(
        due.map((d, i) =>
          queue.add(
            'noop',
            { dueAt: d.getTime() },
            { jobId: `noop:${s}:${i}`, delay: d.getTime() - Date.now(), removeOnComplete: true },
          ),
        ),
      );
      const poll = setInterval(() => worker.send('flush'), 200);
      await waitFor(() => done.length >= POSTS, `${POSTS} no-op jobs`).finally(() => clearInterval(poll));
      stats.push(summarize(done));
    }
    return { stats, peakRssMb: rssMb(worker.pid) };
  } finally {
    await stop(worker);
    await queue.close();
  }
}

async function cleanup(databaseName: string, prefixes: string[]): Promise<void> {
  const client = new Client({ connectionString: `${PG}/postgres` });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await client.end();
  const redis = new Redis(redisOptionsFromUrl(REDIS_URL));
  for (const prefix of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  redis.disconnect();
}

function row(system: string, scenario: string, s: Stats): string {
  return `${system.padEnd(20)} ${scenario.padEnd(12)} ${s.throughput.toFixed(0).padStart(6)} /s   p50 ${s.p50.toFixed(0).padStart(6)} ms   p99 ${s.p99.toFixed(0).padStart(6)} ms   max ${s.max.toFixed(0).padStart(6)} ms`;
}

async function main(): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const databaseName = `preclear_bench_${tag}`;
  const prefixes = [`preclear-bench-${tag}`, `preclear-bench-baseline-${tag}`];
  console.log(
    `${POSTS} posts of ${WORKSPACES} workspace(s), webhook adapter to a local receiver, worker concurrency ${CONCURRENCY}`,
  );
  try {
    const ours = await preclearRun(`${PG}/${databaseName}`, prefixes[0]);
    const bare = await baselineRun(prefixes[1]);
    console.log('');
    SCENARIOS.forEach((scenario, i) => console.log(row('Preclear (webhook)', scenario.label, ours.stats[i])));
    SCENARIOS.forEach((scenario, i) => console.log(row('Bare Bull, no-op', scenario.label, bare.stats[i])));
    SCENARIOS.forEach((scenario, i) => {
      const c = ours.costs[i];
      console.log(
        `Per post (${scenario.label}): ${c.statements.toFixed(2)} SQL statements, worker CPU ${c.workerCpuMs.toFixed(2)} ms, Postgres CPU ${c.postgresCpuMs.toFixed(2)} ms`,
      );
    });
    console.log(
      `Worker RSS: Preclear ${ours.idleRssMb.toFixed(0)} MB when ready, ${ours.peakRssMb.toFixed(0)} MB peak (the app under ts-node); bare Bull ${bare.peakRssMb.toFixed(0)} MB peak`,
    );
    console.log(
      `Capacity ratio (burst, Preclear / bare Bull): ${(ours.stats[0].throughput / bare.stats[0].throughput).toFixed(3)}`,
    );
    const throughputMet = ours.stats[0].throughput >= TARGET_POSTS_PER_S;
    const lagMet = ours.stats[1].p99 < 2000;
    const offered = (POSTS / (SPREAD_MS / 1000)).toFixed(0);
    console.log(
      `Targets: >= ${TARGET_POSTS_PER_S} posts/s (burst) ${throughputMet ? 'met' : 'NOT met'}; p99 lag < 2 s with ${offered} posts/s offered ${lagMet ? 'met' : 'NOT met'}`,
    );
  } finally {
    await cleanup(databaseName, prefixes);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
