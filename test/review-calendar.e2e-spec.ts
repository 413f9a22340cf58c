import request from 'supertest';
import { createBrand, createPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { compliantGermanCreditPost, DE_BANK_PROFILE } from './support/workflow-fixtures';

/**
 * Review deadlines fall in the reviewers' working time: a workspace's review calendar (zone,
 * hours, days, public holidays from date-holidays), or Mon-Fri 09:00-17:00 in the post's zone.
 */
describe('Review calendar and deadlines (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let brandId: string;
  const url = (w: TestWorkspace): string => `/api/v1/workspaces/${w.id}/review-calendar`;
  const bavaria = {
    timezone: 'Europe/Berlin',
    workingHours: { start: '09:00', end: '17:00' },
    workingDays: [1, 2, 3, 4, 5],
    holidays: { country: 'DE', state: 'BY' },
  };

  const submitAndDue = async (
    w: TestWorkspace,
    brand: string,
    scheduledAt: string,
  ): Promise<{ id: string; dueAt: string }> => {
    const post = await createPost(t, w.id, w.members.marketer, compliantGermanCreditPost(brand, { scheduledAt }));
    const res = await request(t.http)
      .post(`/api/v1/workspaces/${w.id}/posts/${post.id}/submit`)
      .set(auth(w.members.marketer))
      .send({ revision: 1 })
      .expect(201);
    return { id: post.id, dueAt: res.body.stages[0].dueAt };
  };

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, {
      admin: ['admin'],
      marketer: ['marketer'],
      reviewer: ['reviewer'],
      auditor: ['auditor'],
    });
    other = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    brandId = (await createBrand(t, ws.id, ws.members.admin, { profile: DE_BANK_PROFILE })).id;
  });
  afterAll(() => t.close());

  it('answers the default to every member until an admin sets one', async () => {
    const res = await request(t.http).get(url(ws)).set(auth(ws.members.auditor)).expect(200);
    expect(res.body).toEqual({
      configured: false,
      timezone: null,
      workingHours: { start: '09:00', end: '17:00' },
      workingDays: [1, 2, 3, 4, 5],
      holidays: null,
      updatedAt: null,
    });
  });

  it('without a calendar, a deadline before office hours moves to 17:00 the previous working day in the post zone', async () => {
    // Wed 2027-12-01 09:30 Berlin minus 240 minutes = 05:30 -> Tue 2027-11-30 17:00 Berlin.
    const { dueAt } = await submitAndDue(ws, brandId, '2027-12-01T09:30:00+01:00');
    expect(dueAt).toBe('2027-11-30T16:00:00.000Z');
  });

  it('lets only admins set it, and only in their own workspace', async () => {
    await request(t.http).put(url(ws)).set(auth(ws.members.marketer)).send(bavaria).expect(403);
    await request(t.http).put(url(ws)).set(auth(ws.members.reviewer)).send(bavaria).expect(403);
    await request(t.http).put(url(ws)).set(auth(other.members.admin)).send(bavaria).expect(404);
    await request(t.http).get(url(ws)).set(auth(other.members.marketer)).expect(404);
  });

  it('names every bad field at once', async () => {
    const res = await request(t.http)
      .put(url(ws))
      .set(auth(ws.members.admin))
      .send({
        timezone: 'Mars/Base',
        workingHours: { start: '9am', end: '25:00' },
        workingDays: [0, 8],
        holidays: { country: 'de' },
        extra: 1,
      })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(
      new Set(['timezone', 'workingHours.start', 'workingHours.end', 'workingDays', 'holidays.country', 'extra']),
    );
    const backwards = await request(t.http)
      .put(url(ws))
      .set(auth(ws.members.admin))
      .send({ ...bavaria, workingHours: { start: '17:00', end: '09:00' }, holidays: { country: 'DE', state: 'ZZ' } })
      .expect(400);
    expect(backwards.body.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['workingHours.end', 'workingHours'],
      ['holidays', 'holidayRegion'],
    ]);
    for (const hostile of [
      null,
      [],
      'x',
      { ...bavaria, workingDays: 'weekdays' },
      { ...bavaria, holidays: { country: "DE'; DROP TABLE posts;--" } },
    ]) {
      const r = await request(t.http)
        .put(url(ws))
        .set(auth(ws.members.admin))
        .send(hostile as object);
      expect(r.status).toBe(400);
    }
  });

  it('moves deadlines past weekends and the public holidays of the region; the review queue follows', async () => {
    const set = await request(t.http).put(url(ws)).set(auth(ws.members.admin)).send(bavaria).expect(200);
    expect(set.body).toMatchObject({ configured: true, ...bavaria, updatedAt: expect.any(String) });
    expect((await request(t.http).get(url(ws)).set(auth(ws.members.marketer)).expect(200)).body).toEqual(set.body);

    // Thu 2027-01-07 10:00 Berlin minus 240 minutes = 06:00; Wed 6 Jan is Epiphany in Bavaria -> Tue 5 Jan 17:00.
    const epiphany = await submitAndDue(ws, brandId, '2027-01-07T10:00:00+01:00');
    expect(epiphany.dueAt).toBe('2027-01-05T16:00:00.000Z');
    // Posts in any zone are reviewed by the Berlin team: Mon 2027-12-06 01:00 New York is 07:00 Berlin,
    // minus 240 minutes 03:00 Monday -> Fri 3 Dec 17:00 Berlin.
    const monday = await submitAndDue(ws, brandId, '2027-12-06T01:00:00-05:00');
    expect(monday.dueAt).toBe('2027-12-03T16:00:00.000Z');
    // Inside working hours the lead time alone decides: Wed 2027-12-08 15:00 Berlin -> 11:00.
    const midday = await submitAndDue(ws, brandId, '2027-12-08T15:00:00+01:00');
    expect(midday.dueAt).toBe('2027-12-08T10:00:00.000Z');

    const queue = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/review-queue`)
      .set(auth(ws.members.reviewer))
      .expect(200);
    const dueOf = (id: string): string | undefined =>
      queue.body.items.find((i: { postId: string }) => i.postId === id)?.dueAt;
    expect([dueOf(epiphany.id), dueOf(monday.id), dueOf(midday.id)]).toEqual([
      '2027-01-05T16:00:00.000Z',
      '2027-12-03T16:00:00.000Z',
      '2027-12-08T10:00:00.000Z',
    ]);
  });

  it('is recorded in the audit trail', async () => {
    const audit = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/audit`)
      .set(auth(ws.members.auditor))
      .expect(200);
    expect(JSON.stringify(audit.body)).toContain('review_calendar.updated');
  });
});
