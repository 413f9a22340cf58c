import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import {
  ALL_ROLES,
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';
import {
  compliantGermanCreditPost,
  DE_BANK_PROFILE,
  usBrokeragePost,
  US_BROKER_PROFILE,
} from './support/workflow-fixtures';

interface ListedPost {
  id: string;
  title: string;
  status: string;
  createdBy: string;
  authorName: string | null;
  scheduledAt: string | null;
  createdAt: string;
  updatedAt: string;
}
interface PostPage {
  items: ListedPost[];
  nextCursor: string | null;
}

describe('Post list and deletion (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let deBrand: string;
  let usBrand: string;
  let campaignId: string;
  const posts: Record<string, { id: string }> = {};
  const base = (path = ''): string => `/api/v1/workspaces/${ws.id}/posts${path}`;

  async function list(query: string, as: TestMember = ws.members.marketer): Promise<PostPage> {
    const res = await request(t.http).get(`${base()}?${query}`).set(auth(as)).expect(200);
    return res.body as PostPage;
  }
  const titles = (page: PostPage): string[] => page.items.map((p) => p.title).sort();

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, { ...ALL_ROLES, marketer2: ['marketer'] });
    other = await createWorkspace(t, { admin: ['admin'] });
    const { admin, marketer, marketer2 } = ws.members;
    deBrand = (await createBrand(t, ws.id, admin, { profile: DE_BANK_PROFILE })).id;
    usBrand = (
      await createBrand(t, ws.id, admin, { name: 'Acme', legalName: 'Acme Securities LLC', profile: US_BROKER_PROFILE })
    ).id;
    campaignId = (
      await request(t.http)
        .post(`/api/v1/workspaces/${ws.id}/campaigns`)
        .set(auth(marketer))
        .send({ name: 'Winter', brandId: deBrand, startsOn: '2026-12-01', endsOn: '2027-01-31' })
        .expect(201)
    ).body.id;
    posts.kredit = await createPost(
      t,
      ws.id,
      marketer,
      germanCreditPost(deBrand, { title: 'Ratenkredit Winter', campaignId }),
    );
    posts.idea = await createPost(
      t,
      ws.id,
      marketer,
      germanCreditPost(deBrand, { title: 'Idee: Sparplan', body: 'Sparen mit 100% Plan_B', scheduledAt: undefined }),
    );
    posts.etf = await createPost(t, ws.id, marketer2, usBrokeragePost(usBrand, { title: 'ETF savings' }));
    posts.etfIdea = await createPost(
      t,
      ws.id,
      marketer2,
      usBrokeragePost(usBrand, { title: 'etf backlog', channels: ['x'], scheduledAt: undefined }),
    );
    posts.late = await createPost(
      t,
      ws.id,
      marketer,
      germanCreditPost(deBrand, { title: 'Ratenkredit Frühling', scheduledAt: '2027-03-01T09:00:00+01:00' }),
    );
  });
  afterAll(() => t.close());

  it('lists every post of the workspace, unscheduled ideas included, with the author by name', async () => {
    const page = await list('', ws.members.auditor);
    expect(titles(page)).toEqual([
      'ETF savings',
      'Idee: Sparplan',
      'Ratenkredit Frühling',
      'Ratenkredit Winter',
      'etf backlog',
    ]);
    expect(page.nextCursor).toBeNull();
    const idea = page.items.find((p) => p.id === posts.idea.id)!;
    expect(idea).toMatchObject({ scheduledAt: null, createdBy: ws.members.marketer.userId, authorName: 'marketer' });
    const single = await request(t.http)
      .get(base(`/${posts.etf.id}`))
      .set(auth(ws.members.reviewer))
      .expect(200);
    expect(single.body.authorName).toBe('marketer2');
    // Another workspace sees none of them.
    const theirs = await request(t.http)
      .get(`/api/v1/workspaces/${other.id}/posts`)
      .set(auth(other.members.admin))
      .expect(200);
    expect(theirs.body).toEqual({ items: [], nextCursor: null });
  });

  it('filters by scheduled, status, campaign, brand, jurisdiction, channel and author', async () => {
    expect(titles(await list('scheduled=false'))).toEqual(['Idee: Sparplan', 'etf backlog']);
    expect(titles(await list('scheduled=true'))).toEqual(['ETF savings', 'Ratenkredit Frühling', 'Ratenkredit Winter']);
    expect(titles(await list('status=draft'))).toHaveLength(5);
    expect(titles(await list('status=in_review'))).toEqual([]);
    expect(titles(await list(`campaignId=${campaignId}`))).toEqual(['Ratenkredit Winter']);
    expect(titles(await list(`brandId=${usBrand}`))).toEqual(['ETF savings', 'etf backlog']);
    expect(titles(await list('jurisdiction=US'))).toEqual(['ETF savings', 'etf backlog']);
    expect(titles(await list('channel=x'))).toEqual(['etf backlog']);
    expect(titles(await list('author=me', ws.members.marketer2))).toEqual(['ETF savings', 'etf backlog']);
    expect(titles(await list(`author=${ws.members.marketer.userId}&scheduled=false`))).toEqual(['Idee: Sparplan']);
  });

  it('searches title and body case-insensitively, taking % and _ literally', async () => {
    expect(titles(await list('q=ETF'))).toEqual(['ETF savings', 'etf backlog']);
    expect(titles(await list('q=ratenkredit'))).toEqual(['Ratenkredit Frühling', 'Ratenkredit Winter']);
    expect(titles(await list(`q=${encodeURIComponent('member FINRA/SIPC')}`))).toEqual(['ETF savings', 'etf backlog']);
    expect(titles(await list(`q=${encodeURIComponent('100%')}`))).toEqual(['Idee: Sparplan']);
    expect(titles(await list(`q=${encodeURIComponent('n_B')}`))).toEqual(['Idee: Sparplan']);
    expect(titles(await list(`q=${encodeURIComponent('%')}`))).toEqual(['Idee: Sparplan']);
    expect(titles(await list('q=Frühling&jurisdiction=US'))).toEqual([]);
  });

  it('sorts eight ways and pages through each with the cursor, without gaps or repeats', async () => {
    const all = (await list('limit=100')).items;
    const time = (p: ListedPost): number => (p.scheduledAt ? Date.parse(p.scheduledAt) : Infinity);
    const byId = (a: ListedPost, b: ListedPost): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const compare: Record<string, (a: ListedPost, b: ListedPost) => number> = {
      scheduledAt: (a, b) => time(a) - time(b) || byId(a, b),
      updatedAt: (a, b) => a.updatedAt.localeCompare(b.updatedAt) || byId(a, b),
      createdAt: (a, b) => a.createdAt.localeCompare(b.createdAt) || byId(a, b),
    };
    for (const sort of [
      'scheduledAt',
      '-scheduledAt',
      'updatedAt',
      '-updatedAt',
      'createdAt',
      '-createdAt',
      'title',
      '-title',
    ]) {
      const seen: ListedPost[] = [];
      let cursor: string | null = null;
      do {
        const page: PostPage = await list(`sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map((p) => p.id).sort()).toEqual(all.map((p) => p.id).sort());
      const field = sort.replace('-', '');
      if (compare[field]) {
        const expected = [...all].sort(compare[field]);
        if (sort.startsWith('-')) expected.reverse();
        expect([sort, seen.map((p) => p.title)]).toEqual([sort, expected.map((p) => p.title)]);
      }
    }
    // Titles sort by the database collation; the order must at least be stable under paging.
    const oneGo = (await list('sort=title&limit=100')).items.map((p) => p.id);
    const reversed = (await list('sort=-title&limit=100')).items.map((p) => p.id);
    expect(reversed).toEqual([...oneGo].reverse());
    expect((await list('sort=scheduledAt&limit=100')).items.slice(-2).map((p) => p.scheduledAt)).toEqual([null, null]);
  });

  it('refuses bad filters with a 400 naming every bad field, and a cursor of another sort', async () => {
    const res = await request(t.http)
      .get(
        `${base()}?status=lost&sort=random&author=bob&scheduled=maybe&limit=0&jurisdiction=de&channel=fax&brandId=1&q=${'x'.repeat(201)}`,
      )
      .set(auth(ws.members.marketer))
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((res.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(
      ['author', 'brandId', 'channel', 'jurisdiction', 'limit', 'q', 'scheduled', 'sort', 'status'].sort(),
    );
    const page = await list('sort=title&limit=1');
    const wrongSort = await request(t.http)
      .get(`${base()}?sort=createdAt&cursor=${page.nextCursor}`)
      .set(auth(ws.members.marketer))
      .expect(400);
    expect(wrongSort.body.details[0].field).toBe('cursor');
    const forged = Buffer.from(JSON.stringify(['createdAt', 'yesterday', posts.idea.id])).toString('base64url');
    await request(t.http).get(`${base()}?sort=createdAt&cursor=${forged}`).set(auth(ws.members.marketer)).expect(400);
    await request(t.http).get(`${base()}?cursor=%27%3B--`).set(auth(ws.members.marketer)).expect(400);
    await request(t.http).get(base()).expect(401);
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/posts`).set(auth(other.members.admin)).expect(404);
  });

  describe('DELETE', () => {
    it('deletes a never-submitted draft: gone from GET, lists and the calendar, kept in the audit trail', async () => {
      const { marketer, auditor } = ws.members;
      const doomed = await createPost(
        t,
        ws.id,
        marketer,
        germanCreditPost(deBrand, { title: 'Doomed draft', scheduledAt: '2026-12-20T10:00:00+01:00' }),
      );
      const feed = await request(t.http)
        .post(`/api/v1/workspaces/${ws.id}/feeds`)
        .set(auth(marketer))
        .send({ name: 'All' })
        .expect(201);
      const feedPath = new URL(feed.body.url as string).pathname;
      const feedBefore = await request(t.http).get(feedPath).buffer(true).expect(200);
      expect(feedBefore.text).toContain(doomed.id);

      await request(t.http)
        .delete(base(`/${doomed.id}`))
        .set(auth(marketer))
        .expect(204);

      await request(t.http)
        .get(base(`/${doomed.id}`))
        .set(auth(marketer))
        .expect(404);
      await request(t.http)
        .get(base(`/${doomed.id}/revisions`))
        .set(auth(marketer))
        .expect(404);
      await request(t.http)
        .patch(base(`/${doomed.id}`))
        .set(auth(marketer))
        .send({ revision: 1, title: 'Back?' })
        .expect(404);
      await request(t.http)
        .post(base(`/${doomed.id}/submit`))
        .set(auth(marketer))
        .send({ revision: 1 })
        .expect(404);
      await request(t.http)
        .delete(base(`/${doomed.id}`))
        .set(auth(marketer))
        .expect(404);
      expect((await list('limit=100')).items.map((p) => p.id)).not.toContain(doomed.id);
      const calendar = await request(t.http)
        .get(`/api/v1/workspaces/${ws.id}/calendar?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z`)
        .set(auth(marketer))
        .expect(200);
      expect((calendar.body.items as { id: string }[]).map((p) => p.id)).not.toContain(doomed.id);
      const feedAfter = await request(t.http).get(feedPath).buffer(true).expect(200);
      expect(feedAfter.text).not.toContain(doomed.id);

      const audit = await request(t.http)
        .get(`/api/v1/workspaces/${ws.id}/audit?postId=${doomed.id}`)
        .set(auth(auditor))
        .expect(200);
      const deleted = (audit.body.items as { action: string; actor: string; data: Record<string, unknown> }[]).find(
        (e) => e.action === 'post.deleted',
      );
      expect(deleted).toMatchObject({ actor: `user:${marketer.userId}`, data: { revision: 1, status: 'draft' } });
    });

    it('refuses to delete a post that was ever submitted (409 POST_SUBMITTED, translated), even after it went back to draft', async () => {
      const { marketer } = ws.members;
      const post = await createPost(
        t,
        ws.id,
        marketer,
        compliantGermanCreditPost(deBrand, { title: 'Submitted once' }),
      );
      await request(t.http)
        .post(base(`/${post.id}/submit`))
        .set(auth(marketer))
        .send({ revision: 1 })
        .expect(201);
      await request(t.http)
        .patch(base(`/${post.id}`))
        .set(auth(marketer))
        .send({ revision: 1, title: 'Submitted once, edited' })
        .expect(200);
      const res = await request(t.http)
        .delete(base(`/${post.id}?lang=de`))
        .set(auth(marketer))
        .expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'POST_SUBMITTED' });
      expect(res.body.message).toContain('zurück');
      await request(t.http)
        .get(base(`/${post.id}`))
        .set(auth(marketer))
        .expect(200);
    });

    it('needs the marketer or admin role, and is a 404 across workspaces or for a malformed id', async () => {
      const post = await createPost(t, ws.id, ws.members.marketer, germanCreditPost(deBrand, { title: 'Guarded' }));
      for (const role of ['reviewer', 'publisher', 'auditor', 'principal']) {
        const res = await request(t.http)
          .delete(base(`/${post.id}`))
          .set(auth(ws.members[role]))
          .expect(403);
        expect(res.body.code).toBe('FORBIDDEN_ROLE');
      }
      await request(t.http)
        .delete(`/api/v1/workspaces/${other.id}/posts/${post.id}`)
        .set(auth(other.members.admin))
        .expect(404);
      await request(t.http).delete(base('/not-a-uuid')).set(auth(ws.members.admin)).expect(404);
      await request(t.http)
        .delete(base(`/${post.id}`))
        .expect(401);
      await request(t.http)
        .delete(base(`/${post.id}`))
        .set(auth(ws.members.admin))
        .expect(204);
    });
  });
});
