import type { Queue } from 'bull';
import request from 'supertest';
import { DueWork } from './support/due-work';
import {
  createDeBrand,
  createWebhookChannel,
  insertScheduledPosts,
  isolatedStore,
  submitClearPost,
  waitForStatus,
} from './support/scheduled-post';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { HOUR, MINUTE, TestClock } from './support/test-clock';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Crisis pauses, blackouts, the missed rule and keeping Redis in step with edits and withdrawals.
 * The app runs on a TestClock: each scenario stands on its own day of March 2027 and moves the
 * clock to the instants it needs; DueWork runs the publish jobs due by then instead of sleeping.
 */
describe('Scheduling (e2e)', () => {
  // A worker publishes every due post of its database: this file gets a database of its own.
  const store = isolatedStore('scheduling');
  let t: TestApp;
  let ws: TestWorkspace;
  let queue: Queue;
  const clock = new TestClock('2027-03-01T08:00:00Z');
  let due: DueWork;
  const receivers: WebhookReceiver[] = [];
  const base = (): string => `/api/v1/workspaces/${ws.id}`;

  async function brandWithReceiver(): Promise<{ brandId: string; receiver: WebhookReceiver }> {
    const receiver = await WebhookReceiver.start();
    receivers.push(receiver);
    const brandId = await createDeBrand(t, ws);
    await createWebhookChannel(t, ws, brandId, 'instagram', receiver);
    return { brandId, receiver };
  }

  beforeAll(async () => {
    t = await startTestApp({ ...store.env, RUN_WORKERS: 'true', PUBLISH_MISSED_AFTER_MINUTES: '60' }, { clock });
    ws = await createWorkspace(t, ALL_ROLES);
    due = new DueWork(t, clock);
    queue = due.queue;
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(receivers.map((r) => r.close()));
    await store.drop();
  });

  it('a paused scope publishes nothing, also jobs already due, until each post is released', async () => {
    const paused = await brandWithReceiver();
    const other = await brandWithReceiver();
    const dueAt = new Date('2027-03-01T09:00:00Z');
    const caught = await submitClearPost(t, ws, paused.brandId, dueAt);
    const free = await submitClearPost(t, ws, other.brandId, dueAt);
    expect([caught.status, free.status]).toEqual(['scheduled', 'scheduled']);

    // The jobs are already in Redis; the pause must still stop the one in scope when it runs.
    await request(t.http).post(`${base()}/pauses`).set(auth(ws.members.marketer)).send({ reason: 'nope' }).expect(403);
    const pause = await request(t.http)
      .post(`${base()}/pauses`)
      .set(auth(ws.members.publisher))
      .send({ reason: 'Market turmoil', brandId: paused.brandId })
      .expect(201);
    expect(pause.body).toMatchObject({
      reason: 'Market turmoil',
      brandId: paused.brandId,
      jurisdiction: null,
      channel: null,
      active: true,
    });
    // Starting the pause says what it now holds, and the held post shows why, in the reader's language.
    expect(pause.body).toMatchObject({ heldCount: 1, heldPostIds: [caught.id] });
    const shown = await request(t.http)
      .get(`${base()}/posts/${caught.id}`)
      .set(auth(ws.members.marketer))
      .set('Accept-Language', 'de')
      .expect(200);
    expect(shown.body).toMatchObject({
      status: 'held',
      statusReason: { code: 'paused', pauseId: pause.body.id, message: 'Durch eine Krisenpause angehalten' },
    });

    await due.advanceTo(dueAt);
    await waitForStatus(t, ws, free.id, ['published']);
    const held = await waitForStatus(t, ws, caught.id, ['held']);
    expect(held.statusReason).toMatchObject({ code: 'paused', pauseId: pause.body.id, reason: 'Market turmoil' });
    expect(paused.receiver.requests).toHaveLength(0);
    expect(other.receiver.requests).toHaveLength(1);

    // Approved while the pause is in force: held at once by the ScheduleGate.
    const later = await submitClearPost(t, ws, paused.brandId, new Date(dueAt.getTime() + HOUR));
    expect(later.status).toBe('held');
    expect(later.statusReason).toMatchObject({ code: 'paused', pauseId: pause.body.id });

    // The backlog, a page at a time: the one due first comes first.
    const page1 = await request(t.http).get(`${base()}/held?limit=1`).set(auth(ws.members.publisher)).expect(200);
    expect(page1.body.items.map((p: { id: string }) => p.id)).toEqual([caught.id]);
    const page2 = await request(t.http)
      .get(`${base()}/held?limit=1&cursor=${page1.body.nextCursor}`)
      .set(auth(ws.members.publisher))
      .expect(200);
    expect(page2.body.items.map((p: { id: string }) => p.id)).toEqual([later.id]);
    const pauses = await request(t.http).get(`${base()}/pauses`).set(auth(ws.members.marketer)).expect(200);
    expect(pauses.body.map((p: { id: string }) => p.id)).toContain(pause.body.id);

    const refused = await request(t.http)
      .post(`${base()}/posts/${caught.id}/release`)
      .set(auth(ws.members.publisher))
      .send({})
      .expect(422);
    expect(refused.body.code).toBe('PAUSED');

    const lifted = await request(t.http)
      .delete(`${base()}/pauses/${pause.body.id}`)
      .set(auth(ws.members.publisher))
      .expect(200);
    expect(lifted.body.active).toBe(false);
    // Lifting the pause releases nothing by itself: no blast of the backlog, neither now nor at the next reconcile.
    await due.advanceBy(MINUTE);
    await due.reconcile();
    expect(paused.receiver.requests).toHaveLength(0);
    expect((await waitForStatus(t, ws, caught.id, ['held'])).status).toBe('held');

    await request(t.http)
      .post(`${base()}/posts/${caught.id}/release`)
      .set(auth(ws.members.marketer))
      .send({})
      .expect(403);
    const released = await request(t.http)
      .post(`${base()}/posts/${caught.id}/release`)
      .set(auth(ws.members.publisher))
      .send({ revision: 1 })
      .expect(200);
    expect(released.body.status).toBe('scheduled');
    // Released after its time: due at once, so its job runs without the clock moving.
    await due.runDue();
    await waitForStatus(t, ws, caught.id, ['published']);
    expect(paused.receiver.requests).toHaveLength(1);
    expect(paused.receiver.requests[0].body.postId).toBe(caught.id);
    // The one approved during the pause waits for its own time (an hour ahead) once released.
    await request(t.http)
      .post(`${base()}/posts/${later.id}/release`)
      .set(auth(ws.members.publisher))
      .send({})
      .expect(200);
    await due.runDue();
    expect((await waitForStatus(t, ws, later.id, ['scheduled'])).status).toBe('scheduled');
    await due.advanceTo(new Date(dueAt.getTime() + HOUR));
    await waitForStatus(t, ws, later.id, ['published']);
    expect(paused.receiver.requests.map((r) => r.body.postId)).toEqual([caught.id, later.id]);
  });

  it('a blackout refuses scheduling into it (422) and holds what is already scheduled inside it', async () => {
    const { brandId } = await brandWithReceiver();
    const now = clock.set('2027-03-02T08:00:00Z').getTime();
    const startsAt = new Date(now + 2 * HOUR);
    const endsAt = new Date(now + 4 * HOUR);
    const scheduledInside = await submitClearPost(t, ws, brandId, new Date(now + 3 * HOUR));
    expect(scheduledInside.status).toBe('scheduled');

    await request(t.http)
      .post(`${base()}/blackouts`)
      .set(auth(ws.members.publisher))
      .send({ reason: 'x', startsAt: endsAt.toISOString(), endsAt: startsAt.toISOString() })
      .expect(400);
    await request(t.http)
      .post(`${base()}/blackouts`)
      .set(auth(ws.members.marketer))
      .send({ reason: 'x', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() })
      .expect(403);
    const blackout = await request(t.http)
      .post(`${base()}/blackouts`)
      .set(auth(ws.members.publisher))
      .send({ reason: 'Results quiet period', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), brandId })
      .expect(201);
    expect(blackout.body.heldPostIds).toEqual([scheduledInside.id]);
    const held = await waitForStatus(t, ws, scheduledInside.id, ['held']);
    expect(held.statusReason).toMatchObject({ code: 'blackout', blackoutId: blackout.body.id });
    // Its delayed job was dropped from Redis after the commit.
    expect(await queue.getJob(`publish:${scheduledInside.id}:1`)).toBeNull();

    // Approved into the window: held by the gate with the blackout as the reason.
    const approvedInside = await submitClearPost(t, ws, brandId, new Date(now + 2.5 * HOUR));
    expect(approvedInside.status).toBe('held');
    expect(approvedInside.statusReason).toMatchObject({ code: 'blackout', blackoutId: blackout.body.id });

    // Putting it on the schedule inside the window is refused.
    const refused = await request(t.http)
      .post(`${base()}/posts/${approvedInside.id}/release`)
      .set(auth(ws.members.publisher))
      .send({})
      .expect(422);
    expect(refused.body).toMatchObject({
      statusCode: 422,
      code: 'BLACKOUT',
      details: { blackoutId: blackout.body.id },
    });
    expect(refused.body.message).toContain('Results quiet period');

    // Outside the window and for another brand, scheduling goes ahead.
    const outside = await submitClearPost(t, ws, brandId, new Date(now + 5 * HOUR));
    expect(outside.status).toBe('scheduled');
    const otherBrand = await createDeBrand(t, ws);
    expect((await submitClearPost(t, ws, otherBrand, new Date(now + 3 * HOUR))).status).toBe('scheduled');

    const listed = await request(t.http).get(`${base()}/blackouts`).set(auth(ws.members.auditor)).expect(200);
    expect(listed.body.map((b: { id: string }) => b.id)).toContain(blackout.body.id);
    await request(t.http).delete(`${base()}/blackouts/${blackout.body.id}`).set(auth(ws.members.admin)).expect(200);
    const released = await request(t.http)
      .post(`${base()}/posts/${approvedInside.id}/release`)
      .set(auth(ws.members.publisher))
      .send({})
      .expect(200);
    expect(released.body.status).toBe('scheduled');
  });

  it('a post more than PUBLISH_MISSED_AFTER_MINUTES late is missed, not published, until released', async () => {
    const { brandId, receiver } = await brandWithReceiver();
    const now = clock.set('2027-03-03T09:00:00Z').getTime();
    // Written straight to the database two hours overdue, as if every worker had been down.
    const [postId] = await insertScheduledPosts(t.dataSource, {
      workspaceId: ws.id,
      brandId,
      userId: ws.members.marketer.userId,
      posts: [{ dueAt: new Date(now - 2 * HOUR) }],
    });

    // The next reconcile pass finds it (it has no job) and its run judges it on the clock: exactly 120 minutes late.
    await due.reconcile();
    const missed = await waitForStatus(t, ws, postId, ['missed']);
    expect(missed.statusReason).toMatchObject({ code: 'missed', minutesLate: 120 });
    expect(receiver.requests).toHaveLength(0);
    const backlog = await request(t.http)
      .get(`${base()}/held?status=missed`)
      .set(auth(ws.members.publisher))
      .expect(200);
    expect(backlog.body.items.map((p: { id: string }) => p.id)).toContain(postId);

    await request(t.http)
      .post(`${base()}/posts/${postId}/release`)
      .set(auth(ws.members.publisher))
      .send({})
      .expect(200);
    await due.runDue();
    await waitForStatus(t, ws, postId, ['published']);
    expect(receiver.requests).toHaveLength(1);
  });

  it('an edit or a withdrawal takes the post off the queue', async () => {
    const { brandId, receiver } = await brandWithReceiver();
    const dueAt = new Date('2027-03-04T09:00:00Z');
    clock.set('2027-03-04T08:00:00Z');
    const edited = await submitClearPost(t, ws, brandId, dueAt);
    const withdrawn = await submitClearPost(t, ws, brandId, dueAt);
    expect(await queue.getJob(`publish:${edited.id}:1`)).not.toBeNull();
    expect(await queue.getJob(`publish:${withdrawn.id}:1`)).not.toBeNull();

    await request(t.http)
      .patch(`${base()}/posts/${edited.id}`)
      .set(auth(ws.members.marketer))
      .send({ revision: 1, body: 'Neuer Text.' })
      .expect(200);
    await request(t.http)
      .post(`${base()}/posts/${withdrawn.id}/withdraw`)
      .set(auth(ws.members.marketer))
      .send({})
      .expect(201);
    expect(await queue.getJob(`publish:${edited.id}:1`)).toBeNull();
    expect(await queue.getJob(`publish:${withdrawn.id}:1`)).toBeNull();
    // Their time comes and goes without a run.
    await due.advanceTo(dueAt);
    expect(receiver.requests).toHaveLength(0);
  });
});
