import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { DE_BANK_PROFILE } from './support/workflow-fixtures';

interface Entry {
  id: string;
  title: string;
  brandId: string;
  createdBy: string;
  scheduledAt: string;
  [field: string]: unknown;
}

describe('Calendar entries: the month as the calendar cells show it (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let brandA: string;
  let brandB: string;
  const entries = (query: string) => `/api/v1/workspaces/${ws.id}/calendar/entries?${query}`;
  const MONTH = 'from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z';

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, { ...ALL_ROLES, marketer2: ['marketer'] });
    other = await createWorkspace(t, { admin: ['admin'] });
    const { admin, marketer, marketer2 } = ws.members;
    brandA = (await createBrand(t, ws.id, admin, { profile: DE_BANK_PROFILE })).id;
    brandB = (await createBrand(t, ws.id, admin, { name: 'Zweitmarke', profile: DE_BANK_PROFILE })).id;
    const at = (day: number) => `2027-01-${String(day).padStart(2, '0')}T09:00:00+01:00`;
    await createPost(
      t,
      ws.id,
      marketer,
      germanCreditPost(brandA, { title: 'A1', scheduledAt: at(5), timezone: 'Europe/Berlin' }),
    );
    await createPost(
      t,
      ws.id,
      marketer2,
      germanCreditPost(brandB, { title: 'B1', scheduledAt: at(6), timezone: 'Europe/Berlin' }),
    );
    await createPost(
      t,
      ws.id,
      marketer,
      germanCreditPost(brandB, { title: 'B2', scheduledAt: at(7), timezone: 'Europe/Berlin' }),
    );
    const gone = await createPost(
      t,
      ws.id,
      marketer,
      germanCreditPost(brandA, { title: 'Deleted', scheduledAt: at(8) }),
    );
    await request(t.http).delete(`/api/v1/workspaces/${ws.id}/posts/${gone.id}`).set(auth(marketer)).expect(204);
    await createPost(
      t,
      ws.id,
      marketer,
      germanCreditPost(brandA, { title: 'February', scheduledAt: '2027-02-03T09:00:00+01:00' }),
    );
  });
  afterAll(() => t.close());

  it('lists the same posts as the full calendar, in the same order, without body or evaluation', async () => {
    const lean = await request(t.http).get(entries(MONTH)).set(auth(ws.members.auditor)).expect(200);
    const full = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/calendar?${MONTH}`)
      .set(auth(ws.members.auditor))
      .expect(200);
    const items = lean.body.items as Entry[];
    expect(items.map((e) => e.id)).toEqual((full.body.items as Entry[]).map((p) => p.id));
    expect(items.map((e) => e.title)).toEqual(['A1', 'B1', 'B2']);
    expect(items[1]).toEqual({
      id: expect.any(String),
      title: 'B1',
      status: 'draft',
      revision: 1,
      brandId: brandB,
      campaignId: null,
      createdBy: ws.members.marketer2.userId,
      authorName: 'marketer2',
      channels: ['instagram'],
      jurisdictions: ['DE'],
      scheduledAt: '2027-01-06T08:00:00.000Z',
      scheduledLocal: '2027-01-06T09:00:00+01:00',
      timezone: 'Europe/Berlin',
      complianceAlert: false,
    });
    expect(lean.body.nextCursor).toBeNull();
  });

  it('filters by brand and author on the server, and pages with a cursor', async () => {
    const byBrand = await request(t.http)
      .get(entries(`${MONTH}&brandId=${brandB}`))
      .set(auth(ws.members.marketer))
      .expect(200);
    expect((byBrand.body.items as Entry[]).map((e) => e.title)).toEqual(['B1', 'B2']);
    const byAuthor = await request(t.http)
      .get(entries(`${MONTH}&author=${ws.members.marketer.userId}`))
      .set(auth(ws.members.marketer))
      .expect(200);
    expect((byAuthor.body.items as Entry[]).map((e) => e.title)).toEqual(['A1', 'B2']);
    const first = await request(t.http)
      .get(entries(`${MONTH}&limit=2`))
      .set(auth(ws.members.marketer))
      .expect(200);
    expect((first.body.items as Entry[]).map((e) => e.title)).toEqual(['A1', 'B1']);
    const rest = await request(t.http)
      .get(entries(`${MONTH}&limit=2&cursor=${first.body.nextCursor as string}`))
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(rest.body).toMatchObject({ items: [{ title: 'B2' }], nextCursor: null });
  });

  it('names every bad parameter, and shows another workspace nothing', async () => {
    const bad = await request(t.http)
      .get(entries('from=yesterday&brandId=nope&author=1%27%20OR%201=1&limit=99999'))
      .set(auth(ws.members.marketer))
      .expect(400);
    const fields = (bad.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['author', 'brandId', 'from', 'limit']);
    await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/calendar/entries?${MONTH}`)
      .set(auth(other.members.admin))
      .expect(404);
    const theirs = await request(t.http)
      .get(`/api/v1/workspaces/${other.id}/calendar/entries?${MONTH}`)
      .set(auth(other.members.admin))
      .expect(200);
    expect(theirs.body).toEqual({ items: [], nextCursor: null });
    await request(t.http).get(entries(MONTH)).expect(401);
  });
});
