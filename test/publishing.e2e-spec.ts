import request from 'supertest';
import {
  createDeBrand,
  createWebhookChannel,
  isolatedStore,
  submitClearPost,
  waitForStatus,
} from './support/scheduled-post';
import { DueWork } from './support/due-work';
import { HOUR, TestClock } from './support/test-clock';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Publishing through the webhook adapter to a real HTTP receiver, with the worker in the
 * same process, on a TestClock: each scenario stands on its own day of March 2027, and a retry
 * runs when the test moves the clock to the time the app gave it (PUBLISH_BACKOFF_MS is a
 * minute, far longer than a scenario lasts, so no retry ever fires by itself). The first
 * scenario lets the clock run with the wall clock: the one proof that Bull's real delay fires.
 */
describe('Publishing (e2e)', () => {
  // A worker publishes every due post of its database: this file gets a database of its own.
  const store = isolatedStore('publishing');
  let t: TestApp;
  let ws: TestWorkspace;
  const clock = new TestClock('2027-03-01T08:00:00Z');
  let due: DueWork;
  const receivers: WebhookReceiver[] = [];
  const base = (): string => `/api/v1/workspaces/${ws.id}`;

  /** A brand of its own with a receiver of its own on instagram, so tests do not see each other's requests. */
  async function brandWithReceiver(): Promise<{ brandId: string; receiver: WebhookReceiver }> {
    const receiver = await WebhookReceiver.start();
    receivers.push(receiver);
    const brandId = await createDeBrand(t, ws);
    await createWebhookChannel(t, ws, brandId, 'instagram', receiver);
    return { brandId, receiver };
  }

  /** The instants the attempts of the post's only publication started at, in ms, by the app's clock. */
  async function attemptStarts(postId: string): Promise<number[]> {
    const res = await request(t.http)
      .get(`${base()}/posts/${postId}/publications`)
      .set(auth(ws.members.marketer))
      .expect(200);
    return res.body.publications[0].attempts.map((a: { startedAt: string }) => Date.parse(a.startedAt));
  }

  /** Moves the clock to the retry time the app recorded for the post, and runs that retry. */
  async function runRetry(postId: string): Promise<Date> {
    const retrying = await waitForStatus(t, ws, postId, ['scheduled']);
    expect(retrying.statusReason).toMatchObject({ code: 'retrying' });
    const nextAttemptAt = new Date(retrying.statusReason?.nextAttemptAt as string);
    await due.advanceTo(nextAttemptAt);
    return nextAttemptAt;
  }

  beforeAll(async () => {
    t = await startTestApp(
      {
        ...store.env,
        RUN_WORKERS: 'true',
        PUBLISH_BACKOFF_MS: '60000',
        PUBLISH_MAX_ATTEMPTS: '3',
        WEBHOOK_TIMEOUT_MS: '800',
      },
      { clock },
    );
    ws = await createWorkspace(t, ALL_ROLES);
    due = new DueWork(t, clock);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(receivers.map((r) => r.close()));
    await store.drop();
  });

  it('publishes a post scheduled a second ahead once, on time, signed: the real Bull delay fires by itself', async () => {
    const { brandId, receiver } = await brandWithReceiver();
    // The clock runs with the wall clock here: nothing promotes the job, its own delay has to fire.
    clock.run();
    const scheduledAt = new Date(clock.now().getTime() + 1000);
    const post = await submitClearPost(t, ws, brandId, scheduledAt);
    expect(post.status).toBe('scheduled');

    await receiver.waitUntil(() => receiver.requests.length >= 1, 10_000);
    await waitForStatus(t, ws, post.id, ['published']);
    clock.stop();
    // No second job: nothing is left to run, and a reconcile pass adds none for a published post.
    await due.reconcile();
    expect(receiver.requests).toHaveLength(1);
    const [received] = receiver.requests;
    // On time by the app's own record: its run started at the due time, not before, and promptly.
    const [startedAt] = await attemptStarts(post.id);
    expect(startedAt - scheduledAt.getTime()).toBeGreaterThanOrEqual(0);
    expect(startedAt - scheduledAt.getTime()).toBeLessThan(1500);
    expect(received.signatureValid).toBe(true);
    expect(received.idempotencyKey).toBe(`${post.id}:1:instagram`);
    expect(received.body).toEqual({
      postId: post.id,
      revision: 1,
      channel: 'instagram',
      body: 'Besuchen Sie uns beim Filialfest der Musterbank.',
      links: [],
      media: [],
      scheduledAt: scheduledAt.toISOString(),
      idempotencyKey: `${post.id}:1:instagram`,
    });

    const publications = await request(t.http)
      .get(`${base()}/posts/${post.id}/publications`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(publications.body).toMatchObject({ postId: post.id, status: 'published' });
    expect(publications.body.publications).toHaveLength(1);
    expect(publications.body.publications[0]).toMatchObject({
      channel: 'instagram',
      status: 'succeeded',
      externalId: 'ext-1',
      idempotencyKey: `${post.id}:1:instagram`,
      attempts: [{ number: 1, outcome: 'success', httpStatus: 200, externalId: 'ext-1' }],
    });
  });

  it("holds at publish time a post that the workspace's own lexicon now bans, and sends nothing", async () => {
    const { brandId, receiver } = await brandWithReceiver();
    const dueAt = new Date('2027-03-02T09:00:00Z');
    clock.set('2027-03-02T08:00:00Z');
    const post = await submitClearPost(t, ws, brandId, dueAt, {
      body: 'Besuchen Sie uns beim Sommerfest der Musterbank.',
    });
    expect(post.status).toBe('scheduled');
    const override = await request(t.http)
      .post(`${base()}/compliance/overrides`)
      .set(auth(ws.members.admin))
      .send({
        kind: 'term',
        language: 'de',
        phrase: 'Sommerfest',
        severity: 'block',
        message: 'Das Sommerfest ist abgesagt.',
      })
      .expect(201);
    await due.advanceTo(dueAt);
    const held = await waitForStatus(t, ws, post.id, ['held']);
    expect(held.statusReason).toMatchObject({
      code: 'compliance',
      packVersions: { WORKSPACE: expect.stringMatching(/^sha256:/) },
    });
    expect((held.statusReason?.findings as { jurisdiction: string }[]).map((f) => f.jurisdiction)).toEqual([
      'WORKSPACE',
    ]);
    expect(receiver.requests).toHaveLength(0);
    await request(t.http)
      .delete(`${base()}/compliance/overrides/${override.body.id}`)
      .set(auth(ws.members.admin))
      .expect(204);
  });

  it('retries a receiver answering 500 twice with growing delays, then succeeds once', async () => {
    const { brandId, receiver } = await brandWithReceiver();
    receiver.answer({ status: 500, body: { error: 'down' } }, { status: 500, body: { error: 'still down' } });
    const dueAt = new Date('2027-03-03T09:00:00Z');
    clock.set('2027-03-03T08:00:00Z');
    const post = await submitClearPost(t, ws, brandId, dueAt);

    await due.advanceTo(dueAt);
    const secondAt = await runRetry(post.id);
    const thirdAt = await runRetry(post.id);
    await waitForStatus(t, ws, post.id, ['published']);
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.idempotencyKey))).toEqual(new Set([`${post.id}:1:instagram`]));
    // PUBLISH_BACKOFF_MS = 60 s with jitter in [0.8, 1.2): the first wait is 48-72 s, the second 96-144 s,
    // and each run started exactly when the app said it would.
    const [first, second, third] = await attemptStarts(post.id);
    expect([first, second, third]).toEqual([dueAt.getTime(), secondAt.getTime(), thirdAt.getTime()]);
    expect(second - first).toBeGreaterThanOrEqual(48_000);
    expect(second - first).toBeLessThanOrEqual(72_000);
    expect(third - second).toBeGreaterThanOrEqual(96_000);
    expect(third - second).toBeLessThanOrEqual(144_000);

    const publications = await request(t.http)
      .get(`${base()}/posts/${post.id}/publications`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(publications.body.publications[0].attempts.map((a: { outcome: string }) => a.outcome)).toEqual([
      'retryable_failure',
      'retryable_failure',
      'success',
    ]);
    expect(publications.body.publications[0].status).toBe('succeeded');
  });

  it('fails the post with its error once PUBLISH_MAX_ATTEMPTS (3) runs are used up', async () => {
    const { brandId, receiver } = await brandWithReceiver();
    receiver.respondWith(() => ({ status: 503, body: { error: 'maintenance' } }));
    const dueAt = new Date('2027-03-04T09:00:00Z');
    clock.set('2027-03-04T08:00:00Z');
    const post = await submitClearPost(t, ws, brandId, dueAt);

    await due.advanceTo(dueAt);
    await runRetry(post.id);
    await runRetry(post.id);
    const failed = await waitForStatus(t, ws, post.id, ['failed']);
    expect(receiver.requests).toHaveLength(3);
    expect(failed.statusReason).toMatchObject({
      code: 'publish_failed',
      attempts: 3,
      failed: [{ channel: 'instagram', outcome: 'retryable', error: expect.stringContaining('HTTP 503') }],
    });
    const publications = await request(t.http)
      .get(`${base()}/posts/${post.id}/publications`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(publications.body.publications[0]).toMatchObject({ status: 'failed', externalId: null });
    const backlog = await request(t.http)
      .get(`${base()}/held?status=failed`)
      .set(auth(ws.members.publisher))
      .expect(200);
    expect(backlog.body.items.map((p: { id: string }) => p.id)).toContain(post.id);
  });

  it('records a timeout after sending as unknown and retries it with the same idempotency key', async () => {
    const { brandId, receiver } = await brandWithReceiver();
    // Slower than WEBHOOK_TIMEOUT_MS (800): the request was sent, the answer never came in time.
    receiver.answer({ status: 200, body: { id: 'late' }, delayMs: 1500 });
    const dueAt = new Date('2027-03-05T09:00:00Z');
    clock.set('2027-03-05T08:00:00Z');
    const post = await submitClearPost(t, ws, brandId, dueAt);

    await due.advanceTo(dueAt);
    await runRetry(post.id);
    await waitForStatus(t, ws, post.id, ['published']);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests.map((r) => r.idempotencyKey)).toEqual([
      `${post.id}:1:instagram`,
      `${post.id}:1:instagram`,
    ]);
    const publications = await request(t.http)
      .get(`${base()}/posts/${post.id}/publications`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(publications.body.publications[0].attempts.map((a: { outcome: string }) => a.outcome)).toEqual([
      'unknown',
      'success',
    ]);
  });

  it('fails a channel for good on a 4xx and on a missing target, and a release tries again', async () => {
    const { brandId, receiver } = await brandWithReceiver();
    receiver.answer({ status: 422, body: { error: 'rejected by the desk' } });
    // linkedin has no target for this brand.
    const dueAt = new Date('2027-03-08T09:00:00Z');
    clock.set('2027-03-08T08:00:00Z');
    const post = await submitClearPost(t, ws, brandId, dueAt, { channels: ['instagram', 'linkedin'] });

    await due.advanceTo(dueAt);
    const failed = await waitForStatus(t, ws, post.id, ['failed']);
    expect(receiver.requests).toHaveLength(1);
    expect(failed.statusReason).toMatchObject({
      code: 'publish_failed',
      failed: [
        { channel: 'instagram', outcome: 'failed', error: expect.stringContaining('HTTP 422') },
        { channel: 'linkedin', outcome: 'failed', error: 'no_target' },
      ],
      published: [],
    });

    await createWebhookChannel(t, ws, brandId, 'linkedin', receiver);
    const released = await request(t.http)
      .post(`${base()}/posts/${post.id}/release`)
      .set(auth(ws.members.publisher))
      .send({ revision: 1 })
      .expect(200);
    expect(released.body.status).toBe('scheduled');
    // Released an hour after its time: due at once.
    await due.advanceBy(HOUR);
    await waitForStatus(t, ws, post.id, ['published']);
    expect(receiver.requests.map((r) => r.body.channel).sort()).toEqual(['instagram', 'instagram', 'linkedin']);

    const publications = await request(t.http)
      .get(`${base()}/posts/${post.id}/publications`)
      .set(auth(ws.members.marketer))
      .expect(200);
    const byChannel = Object.fromEntries(
      publications.body.publications.map((p: { channel: string }) => [p.channel, p]),
    );
    expect(byChannel.instagram.attempts.map((a: { outcome: string }) => a.outcome)).toEqual([
      'permanent_failure',
      'success',
    ]);
    expect(
      byChannel.linkedin.attempts.map((a: { outcome: string; error: string | null }) => [a.outcome, a.error]),
    ).toEqual([
      ['permanent_failure', 'no_target'],
      ['success', null],
    ]);
  });

  it('keeps channel secrets out of every answer and lets only publishers and admins add targets', async () => {
    const brandId = await createDeBrand(t, ws);
    const body = {
      name: 'X desk',
      brandId,
      channel: 'x',
      adapter: 'webhook',
      config: { url: 'http://127.0.0.1:9/hook', secret: 'a-very-secret-value-123' },
    };
    await request(t.http).post(`${base()}/channels`).set(auth(ws.members.marketer)).send(body).expect(403);
    const created = await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send(body)
      .expect(201);
    expect(JSON.stringify(created.body)).not.toContain('a-very-secret-value-123');
    expect(created.body.config).toEqual({ url: 'http://127.0.0.1:9/hook', secretSet: true });
    await request(t.http).post(`${base()}/channels`).set(auth(ws.members.admin)).send(body).expect(409);
    const list = await request(t.http).get(`${base()}/channels`).set(auth(ws.members.auditor)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('a-very-secret-value-123');
    const [stored] = await t.dataSource.query(`SELECT secret_sealed FROM channel_targets WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored.secret_sealed).not.toContain('a-very-secret-value-123');
    await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send({ ...body, channel: 'tiktok', config: undefined })
      .expect(400);
  });
});
