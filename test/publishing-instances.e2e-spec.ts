import { createDeBrand, createWebhookChannel, insertScheduledPosts, isolatedStore } from './support/scheduled-post';
import { DueWork } from './support/due-work';
import { ALL_ROLES, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { TestClock } from './support/test-clock';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Two app instances, both running workers and reconcilers, on one Postgres and one Redis
 * prefix: 200 posts due at the same moment are each received exactly once. Both read one
 * TestClock, as two hosts read one synchronised time.
 */
describe('Publishing with two instances (e2e)', () => {
  const store = isolatedStore('instances');
  const env = { ...store.env, RUN_WORKERS: 'true', RECONCILE_INTERVAL_MS: '1000', WORKER_CONCURRENCY: '16' };
  let first: TestApp;
  let second: TestApp;
  let ws: TestWorkspace;
  let receiver: WebhookReceiver;
  const clock = new TestClock('2027-03-01T08:00:00Z');

  beforeAll(async () => {
    first = await startTestApp(env, { clock });
    second = await startTestApp(env, { clock });
    ws = await createWorkspace(first, ALL_ROLES);
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await receiver.close();
    await store.drop();
  });

  it('publishes 200 due posts, each exactly once', async () => {
    const brandId = await createDeBrand(first, ws);
    await createWebhookChannel(first, ws, brandId, 'instagram', receiver);
    const dueAt = new Date('2027-03-01T09:00:00Z');
    // Straight into Postgres: both reconcilers find them and add the same 200 job ids.
    const postIds = await insertScheduledPosts(first.dataSource, {
      workspaceId: ws.id,
      brandId,
      userId: ws.members.marketer.userId,
      posts: Array.from({ length: 200 }, () => ({ dueAt })),
    });

    // At their time both instances reconcile at once, and both workers run what is due, until nothing is left.
    clock.set(dueAt);
    await Promise.all([new DueWork(first, clock).reconcile(), new DueWork(second, clock).reconcile()]);
    await receiver.waitUntil(() => receiver.byKey().size === 200, 30_000, '200 distinct posts');
    // A pass after the run adds no job again: a duplicate would show up below.
    await Promise.all([new DueWork(first, clock).reconcile(), new DueWork(second, clock).reconcile()]);

    const byKey = receiver.byKey();
    expect(receiver.requests).toHaveLength(200);
    expect([...byKey.values()].every((requests) => requests.length === 1)).toBe(true);
    expect(new Set(receiver.requests.map((r) => r.body.postId))).toEqual(new Set(postIds));
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);

    const statuses: { status: string; n: number }[] = await first.dataSource.query(
      `SELECT status, count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[]) GROUP BY status`,
      [postIds],
    );
    expect(statuses).toEqual([{ status: 'published', n: 200 }]);
    const [records] = await first.dataSource.query(
      `SELECT count(DISTINCT p.id)::int AS publications, count(a.id)::int AS attempts, count(DISTINCT a.worker)::int AS workers
         FROM publications p JOIN publication_attempts a ON a.publication_id = p.id WHERE p.post_id = ANY($1::uuid[])`,
      [postIds],
    );
    expect(records).toMatchObject({ publications: 200, attempts: 200 });
    // Both instances took part (Bull hands jobs to whichever worker asks first).
    expect(records.workers).toBe(2);
    const [archive] = await first.dataSource.query(
      `SELECT count(*)::int AS n FROM archive_records WHERE post_id = ANY($1::uuid[])`,
      [postIds],
    );
    expect(archive.n).toBe(200);
  });
});
