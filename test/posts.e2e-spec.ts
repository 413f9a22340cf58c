import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

describe('Posts, revisions and the calendar (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let brandId: string;
  const base = (): string => `/api/v1/workspaces/${ws.id}`;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, ALL_ROLES);
    brandId = (await createBrand(t, ws.id, ws.members.admin)).id;
  });
  afterAll(() => t.close());

  it('creates a draft at revision 1 with UTC instants and keeps the zone', async () => {
    const post = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId));
    expect(post).toMatchObject({
      status: 'draft',
      revision: 1,
      scheduledAt: '2027-12-01T08:30:00.000Z',
      scheduledLocal: '2027-12-01T09:30:00+01:00',
      timezone: 'Europe/Berlin',
      createdBy: ws.members.marketer.userId,
    });
    expect(post.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('makes a new revision per change, refuses a stale revision with 409, and shows a redline', async () => {
    const post = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId));
    const url = `${base()}/posts/${post.id}`;
    const r2 = await request(t.http)
      .patch(url)
      .set(auth(ws.members.marketer))
      .send({ revision: 1, body: 'Jetzt den Ratenkredit ab 3,9 % sichern.' })
      .expect(200);
    expect(r2.body.revision).toBe(2);
    expect(r2.body.contentHash).not.toBe(post.contentHash);

    const stale = await request(t.http)
      .patch(url)
      .set(auth(ws.members.marketer))
      .send({ revision: 1, title: 'Lost update' })
      .expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'STALE_REVISION', details: { currentRevision: 2 } });

    await request(t.http)
      .patch(url)
      .set(auth(ws.members.marketer))
      .send({ revision: 2, paid: true, channels: ['instagram', 'facebook'] })
      .expect(200);

    const revisions = await request(t.http).get(`${url}/revisions`).set(auth(ws.members.reviewer)).expect(200);
    expect(revisions.body.map((r: { number: number }) => r.number)).toEqual([1, 2, 3]);
    expect(new Set(revisions.body.map((r: { contentHash: string }) => r.contentHash)).size).toBe(3);

    const diff = await request(t.http)
      .get(`${url}/revisions/3/diff?against=1`)
      .set(auth(ws.members.reviewer))
      .expect(200);
    expect(diff.body.from).toBe(1);
    expect(diff.body.to).toBe(3);
    expect(diff.body.body).toEqual([
      { op: 'equal', text: 'Jetzt den Ratenkredit ' },
      { op: 'insert', text: 'ab 3,9 % ' },
      { op: 'equal', text: 'sichern.' },
    ]);
    expect(diff.body.fields).toEqual([
      { field: 'paid', from: false, to: true },
      { field: 'channels', from: ['instagram'], to: ['instagram', 'facebook'] },
    ]);
  });

  it('does not make a revision when nothing changed', async () => {
    const post = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId));
    const res = await request(t.http)
      .patch(`${base()}/posts/${post.id}`)
      .set(auth(ws.members.marketer))
      .send({ revision: 1, title: post.title })
      .expect(200);
    expect(res.body.revision).toBe(1);
  });

  it('lands 09:30 Europe/Berlin at the right instant on both sides of the DST change', async () => {
    const before = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      germanCreditPost(brandId, { scheduledAt: '2027-03-27T09:30:00' }),
    );
    const after = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      germanCreditPost(brandId, { scheduledAt: '2027-03-29T09:30:00' }),
    );
    expect(before.scheduledAt).toBe('2027-03-27T08:30:00.000Z');
    expect(before.scheduledLocal).toBe('2027-03-27T09:30:00+01:00');
    expect(after.scheduledAt).toBe('2027-03-29T07:30:00.000Z');
    expect(after.scheduledLocal).toBe('2027-03-29T09:30:00+02:00');
    const gap = await request(t.http)
      .post(`${base()}/posts`)
      .set(auth(ws.members.marketer))
      .send(germanCreditPost(brandId, { scheduledAt: '2027-03-28T02:30:00' }))
      .expect(400);
    expect(gap.body.details).toEqual([
      { field: 'scheduledAt', code: 'nonexistentLocalTime', message: expect.stringContaining('2027-03-28T02:30:00') },
    ]);
  });

  describe('times that name no single instant, or have passed', () => {
    const send = (body: Record<string, unknown>, lang = 'en'): request.Test =>
      request(t.http).post(`${base()}/posts`).set(auth(ws.members.marketer)).set('Accept-Language', lang).send(body);

    it('refuses a wall time a DST change repeats, giving both offsets (create and PATCH)', async () => {
      const res = await send(germanCreditPost(brandId, { scheduledAt: '2027-10-31T02:30' })).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        { field: 'scheduledAt', code: 'ambiguousLocalTime', message: expect.stringContaining('+02:00') },
      ]);
      expect(res.body.details[0].message).toContain('2027-10-31T02:30+01:00');
      const de = await send(germanCreditPost(brandId, { scheduledAt: '2027-10-31T02:30' }), 'de').expect(400);
      expect(de.body.details[0].message).toBe(
        'scheduledAt 2027-10-31T02:30 gibt es in Europe/Berlin zweimal (Zeitumstellung); geben Sie den Versatz an: 2027-10-31T02:30+02:00 oder 2027-10-31T02:30+01:00',
      );
      // With an offset it is one instant, and accepted.
      const post = await createPost(
        t,
        ws.id,
        ws.members.marketer,
        germanCreditPost(brandId, { scheduledAt: '2027-10-31T02:30+01:00' }),
      );
      expect(post.scheduledAt).toBe('2027-10-31T01:30:00.000Z');
      // A PATCH keeping the post's zone is checked against the stored zone.
      const patched = await request(t.http)
        .patch(`${base()}/posts/${post.id}`)
        .set(auth(ws.members.marketer))
        .send({ revision: 1, scheduledAt: '2027-10-31T02:45' })
        .expect(400);
      expect(patched.body.details).toEqual([
        { field: 'scheduledAt', code: 'ambiguousLocalTime', message: expect.stringContaining('+01:00') },
      ]);
    });

    it('refuses a time already past on create, on a new time and on submit (422 SCHEDULED_IN_PAST)', async () => {
      const past = await send(germanCreditPost(brandId, { scheduledAt: '2020-01-06T09:30:00+01:00' })).expect(422);
      expect(past.body).toMatchObject({ code: 'SCHEDULED_IN_PAST' });
      const post = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId));
      const moved = await request(t.http)
        .patch(`${base()}/posts/${post.id}`)
        .set(auth(ws.members.marketer))
        .send({ revision: 1, scheduledAt: '2020-01-06T09:30:00Z' })
        .expect(422);
      expect(moved.body.code).toBe('SCHEDULED_IN_PAST');
      // A post whose time passed while it sat in draft cannot be submitted (the row is aged directly).
      await t.dataSource.query(`UPDATE posts SET scheduled_at = now() - interval '1 hour' WHERE id = $1`, [post.id]);
      const submitted = await request(t.http)
        .post(`${base()}/posts/${post.id}/submit`)
        .set(auth(ws.members.marketer))
        .send({ revision: 1 })
        .expect(422);
      expect(submitted.body.code).toBe('SCHEDULED_IN_PAST');
      // Editing only the text of that post is still recorded; only a new time must lie ahead.
      await request(t.http)
        .patch(`${base()}/posts/${post.id}`)
        .set(auth(ws.members.marketer))
        .send({ revision: 1, title: 'Renamed' })
        .expect(200);
    });

    it("names every bad field in one 400, also unknown jurisdictions, in the caller's language", async () => {
      const res = await send(
        germanCreditPost(brandId, { productCategory: 'loan', jurisdictions: ['XX'], title: '', paid: 'yes' }),
        'de',
      ).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const byField = Object.fromEntries(
        res.body.details.map((d: { field: string; code: string; message: string }) => [d.field, d]),
      );
      expect(Object.keys(byField).sort()).toEqual(['jurisdictions', 'paid', 'productCategory', 'title']);
      expect(byField.jurisdictions).toMatchObject({
        code: 'isKnownJurisdiction',
        message: expect.stringContaining('XX'),
      });
      expect(byField.productCategory.code).toBe('isIn');
      expect(byField.title).toEqual({
        field: 'title',
        code: 'minLength',
        message: 'title muss mindestens 1 Zeichen haben',
      });
      expect(byField.paid.message).toBe('paid muss true oder false sein');
      expect(res.body.message).toContain('jurisdictions');
    });

    it('says "required" for a missing field, not the rules its value would have to meet', async () => {
      const body = germanCreditPost(brandId);
      delete body.title;
      const res = await send(body).expect(400);
      expect(res.body.details).toEqual([{ field: 'title', code: 'required', message: 'title is required' }]);
    });
  });

  describe('calendar', () => {
    let cal: TestWorkspace;
    let campaignId: string;
    beforeAll(async () => {
      cal = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'], auditor: ['auditor'] });
      const brand = await createBrand(t, cal.id, cal.members.admin);
      const campaign = await request(t.http)
        .post(`/api/v1/workspaces/${cal.id}/campaigns`)
        .set(auth(cal.members.marketer))
        .send({ name: 'Q1', brandId: brand.id, startsOn: '2027-01-01', endsOn: '2027-03-31' })
        .expect(201);
      campaignId = campaign.body.id;
      const make = (overrides: Record<string, unknown>): Promise<unknown> =>
        createPost(t, cal.id, cal.members.marketer, germanCreditPost(brand.id, overrides));
      await make({
        title: 'C',
        scheduledAt: '2027-01-03T10:00:00+01:00',
        jurisdictions: ['NL'],
        timezone: 'Europe/Amsterdam',
        campaignId,
      });
      await make({ title: 'A', scheduledAt: '2027-01-01T10:00:00+01:00', channels: ['facebook'], campaignId });
      await make({ title: 'B', scheduledAt: '2027-01-02T10:00:00+01:00' });
      await make({ title: 'D', scheduledAt: '2027-02-01T10:00:00+01:00', channels: ['facebook', 'x'] });
      await make({ title: 'unscheduled', scheduledAt: undefined });
    });

    const titles = async (query: string): Promise<string[]> => {
      const res = await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/calendar?${query}`)
        .set(auth(cal.members.auditor))
        .expect(200);
      return res.body.items.map((p: { title: string }) => p.title);
    };

    it('orders by time and applies [from, to), jurisdiction, channel, status and campaign filters', async () => {
      expect(await titles('')).toEqual(['A', 'B', 'C', 'D']);
      expect(await titles('from=2027-01-02T09:00:00Z&to=2027-02-01T09:00:00Z')).toEqual(['B', 'C']);
      // `to` is exclusive: D is at exactly 09:00Z.
      expect(await titles('from=2027-01-01T00:00:00Z&to=2027-02-01T09:00:00Z')).toEqual(['A', 'B', 'C']);
      expect(await titles('jurisdiction=NL')).toEqual(['C']);
      expect(await titles('channel=facebook')).toEqual(['A', 'D']);
      expect(await titles(`campaignId=${campaignId}`)).toEqual(['A', 'C']);
      expect(await titles('status=draft&channel=x')).toEqual(['D']);
      expect(await titles('status=published')).toEqual([]);
    });

    it('pages with an opaque cursor and refuses a forged one', async () => {
      const first = await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/calendar?limit=3`)
        .set(auth(cal.members.auditor))
        .expect(200);
      expect(first.body.items.map((p: { title: string }) => p.title)).toEqual(['A', 'B', 'C']);
      const second = await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/calendar?limit=3&cursor=${first.body.nextCursor}`)
        .set(auth(cal.members.auditor))
        .expect(200);
      expect(second.body).toMatchObject({ items: [{ title: 'D' }], nextCursor: null });
      const forged = await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/calendar?cursor=${Buffer.from('["x","y"]').toString('base64url')}`)
        .set(auth(cal.members.auditor))
        .expect(400);
      expect(forged.body.details[0].field).toBe('cursor');
    });

    it('reads a busy month in one page of up to 2,500 posts and refuses a larger page', async () => {
      const whole = await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/calendar?limit=2500`)
        .set(auth(cal.members.auditor))
        .expect(200);
      expect(whole.body).toMatchObject({
        items: [{ title: 'A' }, { title: 'B' }, { title: 'C' }, { title: 'D' }],
        nextCursor: null,
      });
      for (const limit of ['2501', '0', 'many']) {
        const res = await request(t.http)
          .get(`/api/v1/workspaces/${cal.id}/calendar?limit=${limit}`)
          .set(auth(cal.members.auditor))
          .expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['limit']);
      }
      // Other lists keep their maximum of 500.
      await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/posts?limit=501`)
        .set(auth(cal.members.auditor))
        .expect(400);
    });

    it('refuses a window whose end is not after its start', async () => {
      const res = await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/calendar?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z`)
        .set(auth(cal.members.auditor))
        .expect(400);
      expect(res.body.details[0].field).toBe('to');
    });
  });
});
