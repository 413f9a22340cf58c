import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PublishQueue } from '../src/scheduling/publish-queue.service';
import { RedisServer } from './support/redis-server';
import { createDeBrand, createWebhookChannel, insertScheduledPosts, isolatedStore } from './support/scheduled-post';
import { DueWork } from './support/due-work';
import { ALL_ROLES, createWorkspace, startTestApp, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { WebhookReceiver } from './support/webhook-receiver';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The same secret as startTestApp, so the child decrypts the channel secrets the test stored. */
const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

async function statusCounts(t: TestApp, postIds: string[]): Promise<Record<string, number>> {
  const rows: { status: string; n: number }[] = await t.dataSource.query(
    `SELECT status, count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[]) GROUP BY status`,
    [postIds],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function waitForAllPublished(t: TestApp, postIds: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await statusCounts(t, postIds);
    if (counts.published === postIds.length) return;
    if (Date.now() > deadline) throw new Error(`not all published after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await sleep(50);
  }
}

/** The jobs the ScheduleGate would have added on approval. */
async function enqueue(t: TestApp, workspaceId: string, postIds: string[], dueAt: Date[]): Promise<void> {
  await t.app
    .get(PublishQueue)
    .enqueue(
      postIds.map((postId, i) => ({ data: { postId, workspaceId, revision: 1, dispatch: 0 }, dueAt: dueAt[i] })),
    );
}

describe('Publishing under faults (e2e)', () => {
  it('loses nothing when Redis dies with posts due and comes back empty', async () => {
    const redis = await RedisServer.start();
    const store = isolatedStore('faults_redis');
    const clock = new TestClock('2027-03-01T08:59:00Z');
    // The reconciler runs on its own timer here, every second, as a worker's does.
    const t = await startTestApp(
      { ...store.env, REDIS_URL: redis.url, RUN_WORKERS: 'true', RECONCILE_INTERVAL_MS: '1000' },
      { clock },
    );
    const receiver = await WebhookReceiver.start();
    try {
      const ws = await createWorkspace(t, ALL_ROLES);
      const brandId = await createDeBrand(t, ws);
      await createWebhookChannel(t, ws, brandId, 'instagram', receiver);
      const start = new Date('2027-03-01T09:00:00Z').getTime();
      // 30 posts due between 09:00:00 and 09:00:02, their delayed jobs in Redis.
      const dueAt = Array.from({ length: 30 }, (_, i) => new Date(start + i * 70));
      const postIds = await insertScheduledPosts(t.dataSource, {
        workspaceId: ws.id,
        brandId,
        userId: ws.members.marketer.userId,
        posts: dueAt.map((d) => ({ dueAt: d })),
      });
      await enqueue(t, ws.id, postIds, dueAt);

      await redis.kill();
      // Down while they all fall due; back empty: every delayed job is gone.
      clock.set('2027-03-01T09:00:05Z');
      await redis.restart();

      // Only the reconciler, from Postgres, can bring them back.
      await waitForAllPublished(t, postIds, 30_000);
      await new DueWork(t, clock).runDue();
      const byKey = receiver.byKey();
      expect(byKey.size).toBe(postIds.length);
      expect([...byKey.values()].every((requests) => requests.length === 1)).toBe(true);
      expect(new Set(receiver.requests.map((r) => r.body.postId))).toEqual(new Set(postIds));
    } finally {
      await t.close();
      await receiver.close();
      await redis.stop();
      await store.drop();
    }
  }, 90_000);

  it('recovers the posts of a worker killed mid-publication, with no duplicate beyond the same idempotency key', async () => {
    const store = isolatedStore('faults_kill');
    const api = await startTestApp({ ...store.env });
    const receiver = await WebhookReceiver.start();
    let slow = true;
    // Until the worker is killed, the receiver takes its time, so requests are in flight.
    receiver.respondWith(() =>
      slow
        ? { status: 200, body: { id: 'never-read' }, delayMs: 15_000 }
        : { status: 201, body: { id: 'after-restart' } },
    );
    let worker: ChildProcess | undefined;
    let second: TestApp | undefined;
    try {
      const ws = await createWorkspace(api, ALL_ROLES);
      const brandId = await createDeBrand(api, ws);
      await createWebhookChannel(api, ws, brandId, 'instagram', receiver);

      worker = fork(join(__dirname, 'support', 'worker-main.ts'), [], {
        execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
        env: {
          ...process.env,
          ...store.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          JWT_SECRET,
          RUN_WORKERS: 'true',
          RECONCILE_INTERVAL_MS: '1000',
          WEBHOOK_TIMEOUT_MS: '20000',
          PUBLISH_LEASE_MS: '60000',
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const child = worker;
      await new Promise<void>((resolve, reject) => {
        child.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(JSON.stringify(m)))));
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });

      const dueAt = new Date(Date.now() + 1500);
      const postIds = await insertScheduledPosts(api.dataSource, {
        workspaceId: ws.id,
        brandId,
        userId: ws.members.marketer.userId,
        posts: Array.from({ length: 8 }, () => ({ dueAt })),
      });
      await enqueue(
        api,
        ws.id,
        postIds,
        postIds.map(() => dueAt),
      );

      // Every post has been sent and none answered: kill the worker with the requests in flight.
      await receiver.waitUntil(() => receiver.requests.length === postIds.length, 20_000, 'all posts in flight');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      slow = false;
      expect(await statusCounts(api, postIds)).toEqual({ publishing: postIds.length });

      // Another worker takes over the runs whose claim is older than its lease.
      second = await startTestApp({
        ...store.env,
        RUN_WORKERS: 'true',
        RECONCILE_INTERVAL_MS: '1000',
        PUBLISH_LEASE_MS: '2000',
        WEBHOOK_TIMEOUT_MS: '1000',
      });
      await waitForAllPublished(api, postIds, 30_000);

      const byKey = receiver.byKey();
      expect(byKey.size).toBe(postIds.length);
      for (const [key, requests] of byKey) {
        // Sent once by the dead worker, once by its successor: the same key and the same bytes.
        expect(requests).toHaveLength(2);
        expect(new Set(requests.map((r) => r.raw.toString('utf8'))).size).toBe(1);
        expect(requests.every((r) => r.idempotencyKey === key && r.signatureValid)).toBe(true);
      }
      const attempts: { outcomes: string[]; status: string }[] = await api.dataSource.query(
        `SELECT p.status, array_agg(a.outcome ORDER BY a.number) AS outcomes
           FROM publications p JOIN publication_attempts a ON a.publication_id = p.id WHERE p.post_id = ANY($1::uuid[]) GROUP BY p.id`,
        [postIds],
      );
      expect(attempts).toHaveLength(postIds.length);
      expect(attempts.every((a) => a.status === 'succeeded' && a.outcomes.join() === 'unknown,success')).toBe(true);
      const audit: { n: number }[] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1 AND action = 'post.transition' AND data->>'event' = 'requeue' AND data->'reason'->>'code' = 'worker_lost'`,
        [ws.id],
      );
      expect(audit[0].n).toBe(postIds.length);
    } finally {
      if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      await second?.close();
      await api.close();
      await receiver.close();
      await store.drop();
    }
  }, 120_000);
});
