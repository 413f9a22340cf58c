import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { publishJobId } from '../src/scheduling/domain/publish-job';
import { PUBLISH_QUEUE } from '../src/queue/queue.constants';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { DAY, TestClock } from './support/test-clock';
import {
  approvePost,
  compliantGermanCreditPost,
  DE_BANK_PROFILE,
  US_BROKER_PROFILE,
  usBrokeragePost,
} from './support/workflow-fixtures';

/** The app's clock for the whole file: Monday 1 March 2027, 09:00 in Berlin; DST starts there on Sunday 28 March. */
const clock = new TestClock('2027-03-01T08:00:00Z');
/** An instant `days` after the clock's, as an ISO string with offset Z. */
const inDays = (days: number): string => new Date(clock.now().getTime() + days * DAY).toISOString();

interface Result {
  post: { id: string; status: string; revision: number; scheduledAt: string | null };
  approvalsKept: boolean;
  reasons: { code: string; message: string }[];
}

describe('Rescheduling (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let deBrand: string;
  const url = (path: string): string => `/api/v1/workspaces/${ws.id}${path}`;
  const reschedule = (id: string, body: Record<string, unknown>, query = ''): request.Test =>
    request(t.http)
      .post(url(`/posts/${id}/reschedule${query}`))
      .set(auth(ws.members.marketer))
      .send(body);
  const scheduleRow = async (
    postId: string,
  ): Promise<{ due_at: Date; dispatch: number; revision: number } | undefined> =>
    (
      await t.dataSource.query(`SELECT due_at, dispatch, revision FROM publish_schedule WHERE post_id = $1`, [postId])
    )[0];
  const feedSequence = async (postId: string): Promise<number> =>
    (await t.dataSource.query(`SELECT feed_sequence FROM posts WHERE id = $1`, [postId]))[0].feed_sequence as number;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    ws = await createWorkspace(t, { ...ALL_ROLES, principal2: ['principal'] });
    other = await createWorkspace(t, { admin: ['admin'] });
    deBrand = (await createBrand(t, ws.id, ws.members.admin, { profile: DE_BANK_PROFILE })).id;
  });
  afterAll(() => t.close());

  it('keeps the approvals of a scheduled post when only its time changes, and the publish job follows', async () => {
    const created = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      compliantGermanCreditPost(deBrand, { scheduledAt: inDays(10) }),
    );
    const approved = await approvePost(t, ws, created.id);
    expect(approved.status).toBe('scheduled');
    const before = await scheduleRow(created.id);
    const sequence = await feedSequence(created.id);
    const newTime = inDays(12);

    const preview = await reschedule(created.id, { scheduledAt: newTime, preview: true }).expect(200);
    expect(preview.body).toMatchObject({
      approvalsKept: true,
      reasons: [],
      post: { scheduledAt: approved.scheduledAt, revision: 1 },
    });
    expect(await scheduleRow(created.id)).toEqual(before);

    const res = await reschedule(created.id, { scheduledAt: newTime }).expect(200);
    const result = res.body as Result;
    expect(result).toMatchObject({
      approvalsKept: true,
      reasons: [],
      post: { status: 'scheduled', revision: 1, scheduledAt: newTime },
    });
    const after = await scheduleRow(created.id);
    expect(after).toEqual({ due_at: new Date(newTime), dispatch: before!.dispatch + 1, revision: 1 });
    expect(await feedSequence(created.id)).toBeGreaterThan(sequence);
    const queue = t.app.get<Queue>(getQueueToken(PUBLISH_QUEUE));
    expect(await queue.getJob(publishJobId(created.id, 1, after!.dispatch))).toBeTruthy();
    expect(await queue.getJob(publishJobId(created.id, 1, before!.dispatch))).toBeNull();

    const review = await request(t.http)
      .get(url(`/posts/${created.id}/review`))
      .set(auth(ws.members.auditor))
      .expect(200);
    expect((review.body.post.stages as { status: string }[]).every((s) => s.status === 'approved')).toBe(true);
    const audit = await request(t.http)
      .get(url(`/audit?postId=${created.id}`))
      .set(auth(ws.members.auditor))
      .expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'post.rescheduled',
        data: expect.objectContaining({ from: approved.scheduledAt, to: newTime, approvalsKept: true }),
      }),
    );
    // A later edit starts from the new time, not the one of the revision.
    const edited = await request(t.http)
      .patch(url(`/posts/${created.id}`))
      .set(auth(ws.members.marketer))
      .send({ revision: 1, title: 'Neuer Titel' })
      .expect(200);
    expect(edited.body).toMatchObject({ revision: 2, scheduledAt: newTime, status: 'draft' });
  });

  it('sends the post back through review when an approval would have expired by then, saying why in the caller language', async () => {
    const created = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      compliantGermanCreditPost(deBrand, { title: 'Lange hin', scheduledAt: inDays(10) }),
    );
    await approvePost(t, ws, created.id);
    const newTime = inDays(45);
    const res = await reschedule(created.id, { scheduledAt: newTime }, '?lang=de').expect(200);
    const result = res.body as Result;
    expect(result.approvalsKept).toBe(false);
    expect(result.reasons).toEqual([
      { code: 'APPROVAL_EXPIRES', message: expect.stringMatching(/Freigabe der Stufe compliance läuft am/i) },
    ]);
    expect(result.post).toMatchObject({ status: 'draft', revision: 2, scheduledAt: newTime });
    expect(await scheduleRow(created.id)).toMatchObject({ revision: 1 });
    const review = await request(t.http)
      .get(url(`/posts/${created.id}/review`))
      .set(auth(ws.members.auditor))
      .expect(200);
    expect(review.body.post.stages).toEqual([]);
  });

  it('sends a post back when a pre-use filing window would not fit the new time', async () => {
    // A FINRA member in its first year: retail communications are filed 10 business days before use.
    const brand = await createBrand(t, ws.id, ws.members.admin, {
      name: 'New BD',
      profile: { US: { ...US_BROKER_PROFILE.US, finraMembershipDate: inDays(-60).slice(0, 10) } },
    });
    const created = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      usBrokeragePost(brand.id, { scheduledAt: inDays(40) }),
    );
    const approved = await approvePost(t, ws, created.id);
    expect(approved.status).toBe('approved');
    const preview = await reschedule(created.id, { scheduledAt: inDays(3), preview: true }).expect(200);
    expect(preview.body).toMatchObject({
      approvalsKept: false,
      reasons: [{ code: 'FILING_WINDOW', message: expect.stringContaining('FINRA') }],
    });
    expect(preview.body.post).toMatchObject({ revision: 1, status: 'approved' });
    const kept = await reschedule(created.id, { scheduledAt: inDays(25) }).expect(200);
    expect(kept.body).toMatchObject({ approvalsKept: true, post: { status: 'approved', revision: 1 } });
  });

  it('treats a post without complete approval as an edit with the time changed, in the local time of the day', async () => {
    const created = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(deBrand, { title: 'Entwurf' }));
    // 09:00 in Berlin on the day summer time starts there is 07:00 UTC; the day before it was 08:00 UTC.
    const res = await reschedule(created.id, { scheduledAt: '2027-03-28T09:00', timezone: 'Europe/Berlin' }).expect(
      200,
    );
    expect(res.body).toMatchObject({
      approvalsKept: false,
      reasons: [{ code: 'NOT_APPROVED' }],
      post: { revision: 2, scheduledAt: '2027-03-28T07:00:00.000Z' },
    });
    const again = await reschedule(created.id, { scheduledAt: '2027-03-27T09:00', timezone: 'Europe/Berlin' }).expect(
      200,
    );
    expect(again.body.post).toMatchObject({ revision: 3, scheduledAt: '2027-03-27T08:00:00.000Z' });
  });

  it('refuses bad input naming every field, needs the marketer or admin role, and is a 404 across workspaces', async () => {
    const created = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(deBrand, { title: 'Guarded' }));
    const bad = await reschedule(created.id, {
      scheduledAt: 'tomorrow',
      timezone: 'Mars/Olympus',
      preview: 'yes',
    }).expect(400);
    expect((bad.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'preview',
      'scheduledAt',
      'timezone',
    ]);
    await reschedule(created.id, {}).expect(400);
    const skipped = await reschedule(created.id, { scheduledAt: '2027-03-28T02:30', timezone: 'Europe/Berlin' }).expect(
      400,
    );
    expect(skipped.body.details[0].field).toBe('scheduledAt');
    for (const role of ['reviewer', 'publisher', 'auditor']) {
      await request(t.http)
        .post(url(`/posts/${created.id}/reschedule`))
        .set(auth(ws.members[role]))
        .send({ scheduledAt: inDays(5) })
        .expect(403);
    }
    await request(t.http)
      .post(`/api/v1/workspaces/${other.id}/posts/${created.id}/reschedule`)
      .set(auth(other.members.admin))
      .send({ scheduledAt: inDays(5) })
      .expect(404);
    await request(t.http)
      .post(url(`/posts/${created.id}/reschedule`))
      .send({ scheduledAt: inDays(5) })
      .expect(401);
  });
});
