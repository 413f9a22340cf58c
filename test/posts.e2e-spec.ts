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
      scheduledAt: '2026-12-01T08:30:00.000Z',
      scheduledLocal: '2026-12-01T09:30:00+01:00',
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

    const stale = await request(t.http).patch(url).set(auth(ws.members.marketer)).send({ revision: 1, title: 'Lost update' }).expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'STALE_REVISION', details: { currentRevision: 2 } });

    await request(t.http)
      .patch(url)
      .set(auth(ws.members.marketer))
      .send({ revision: 2, paid: true, channels: ['instagram', 'facebook'] })
      .expect(200);

    const revisions = await request(t.http).get(`${url}/revisions`).set(auth(ws.members.reviewer)).expect(200);
    expect(revisions.body.map((r: { number: number }) => r.number)).toEqual([1, 2, 3]);
    expect(new Set(revisions.body.map((r: { contentHash: string }) => r.contentHash)).size).toBe(3);

    const diff = await request(t.http).get(`${url}/revisions/3/diff?against=1`).set(auth(ws.members.reviewer)).expect(200);
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
    const res = await request(t.http).patch(`${base()}/posts/${post.id}`).set(auth(ws.members.marketer)).send({ revision: 1, title: post.title }).expect(200);
    expect(res.body.revision).toBe(1);
  });

  it('lands 09:30 Europe/Berlin at the right instant on both sides of the DST change', async () => {
    const before = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId, { scheduledAt: '2026-03-28T09:30:00' }));
    const after = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId, { scheduledAt: '2026-03-30T09:30:00' }));
    expect(before.scheduledAt).toBe('2026-03-28T08:30:00.000Z');
    expect(before.scheduledLocal).toBe('2026-03-28T09:30:00+01:00');
    expect(after.scheduledAt).toBe('2026-03-30T07:30:00.000Z');
    expect(after.scheduledLocal).toBe('2026-03-30T09:30:00+02:00');
    const gap = await request(t.http)
      .post(`${base()}/posts`)
      .set(auth(ws.members.marketer))
      .send(germanCreditPost(brandId, { scheduledAt: '2026-03-29T02:30:00' }))
      .expect(400);
    expect(gap.body.details[0].field).toBe('scheduledAt');
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
      const make = (overrides: Record<string, unknown>): Promise<unknown> => createPost(t, cal.id, cal.members.marketer, germanCreditPost(brand.id, overrides));
      await make({ title: 'C', scheduledAt: '2027-01-03T10:00:00+01:00', jurisdictions: ['NL'], timezone: 'Europe/Amsterdam', campaignId });
      await make({ title: 'A', scheduledAt: '2027-01-01T10:00:00+01:00', channels: ['facebook'], campaignId });
      await make({ title: 'B', scheduledAt: '2027-01-02T10:00:00+01:00' });
      await make({ title: 'D', scheduledAt: '2027-02-01T10:00:00+01:00', channels: ['facebook', 'x'] });
      await make({ title: 'unscheduled', scheduledAt: undefined });
    });

    const titles = async (query: string): Promise<string[]> => {
      const res = await request(t.http).get(`/api/v1/workspaces/${cal.id}/calendar?${query}`).set(auth(cal.members.auditor)).expect(200);
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
      const first = await request(t.http).get(`/api/v1/workspaces/${cal.id}/calendar?limit=3`).set(auth(cal.members.auditor)).expect(200);
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

    it('refuses a window whose end is not after its start', async () => {
      const res = await request(t.http)
        .get(`/api/v1/workspaces/${cal.id}/calendar?from=2027-02-01T00:00:00Z&to=2027-01-01T00:00:00Z`)
        .set(auth(cal.members.auditor))
        .expect(400);
      expect(res.body.details[0].field).toBe('to');
    });
  });
});
