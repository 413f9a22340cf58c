// The server's own time zone must not matter: run this file's app far from UTC.
process.env.TZ = 'Pacific/Kiritimati';

import ICAL from 'ical.js';
import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { lintIcs, saveIcsForValidation } from './support/ics-lint';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { approvePost, compliantGermanCreditPost, DE_BANK_PROFILE } from './support/workflow-fixtures';

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: Date;
  status: string;
  summary: string;
  description: string;
  categories: string[];
}

/** Parses a feed with ical.js (an independent parser) and gives each event's UTC instant. */
function parseFeed(body: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(body));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      status: String(vevent.getFirstPropertyValue('status')),
      summary: event.summary,
      description: event.description,
      categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

describe('Calendar feeds (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let brandId: string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://preclear.bank.example' });
    ws = await createWorkspace(t, ALL_ROLES);
    brandId = (await createBrand(t, ws.id, ws.members.admin)).id;
  });
  afterAll(() => t.close());

  async function createFeed(
    member = ws.members.marketer,
    body: Record<string, unknown> = { name: 'Team calendar' },
  ): Promise<{ id: string; url: string; path: string }> {
    const res = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/feeds`)
      .set(auth(member))
      .send(body)
      .expect(201);
    const url: string = res.body.url;
    expect(url).toMatch(/^https:\/\/preclear\.bank\.example\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(res.body.webcalUrl).toBe(url.replace('https:', 'webcal:'));
    return { id: res.body.id, url, path: new URL(url).pathname };
  }

  /** Fetches a feed like a calendar client and checks it with our linter; keeps it for the Python parsers. */
  async function fetchFeed(path: string, label: string): Promise<{ body: string; etag: string; lastModified: string }> {
    const res = await request(t.http)
      .get(path)
      .buffer(true)
      .parse((r, done) => {
        let data = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (data += chunk));
        r.on('end', () => done(null, data));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
    const body = res.body as string;
    expect(lintIcs(body)).toEqual([]);
    saveIcsForValidation(label, body);
    return { body, etag: res.headers.etag, lastModified: res.headers['last-modified'] };
  }

  it('keeps one UID per post while SEQUENCE rises with each change, at the right UTC instant', async () => {
    const post = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      germanCreditPost(brandId, { title: 'Feed UID test', scheduledAt: '2027-11-10T09:30:00' }),
    );
    const feed = await createFeed();
    const first = parseFeed((await fetchFeed(feed.path, 'uid-1')).body);
    const before = first.events.find((e) => e.uid === `post-${post.id}@preclear.bank.example`);
    expect(before).toMatchObject({ status: 'TENTATIVE', start: new Date('2027-11-10T08:30:00Z') });
    expect(before!.summary).toBe('[Draft] Feed UID test');

    await request(t.http)
      .patch(`/api/v1/workspaces/${ws.id}/posts/${post.id}`)
      .set(auth(ws.members.marketer))
      .send({ revision: 1, scheduledAt: '2027-11-11T10:00:00+01:00' })
      .expect(200);
    const second = parseFeed((await fetchFeed(feed.path, 'uid-2')).body);
    const after = second.events.find((e) => e.uid === before!.uid);
    expect(after!.sequence).toBeGreaterThan(before!.sequence);
    expect(after!.start).toEqual(new Date('2027-11-11T09:00:00Z'));
  });

  it('converts times right across DST changes in Europe/Berlin and America/New_York', async () => {
    const feedWs = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    const brand = await createBrand(t, feedWs.id, feedWs.members.admin);
    // Both zones change in the feed's window; each post's wall clock time stays 09:30.
    const cases: [string, string, string][] = [
      ['2027-03-27T09:30:00', 'Europe/Berlin', '2027-03-27T08:30:00Z'],
      ['2027-03-29T09:30:00', 'Europe/Berlin', '2027-03-29T07:30:00Z'],
      ['2027-10-30T09:30:00', 'Europe/Berlin', '2027-10-30T07:30:00Z'],
      ['2027-11-01T09:30:00', 'Europe/Berlin', '2027-11-01T08:30:00Z'],
      ['2027-11-08T09:30:00', 'America/New_York', '2027-11-08T14:30:00Z'],
      ['2027-11-06T09:30:00', 'America/New_York', '2027-11-06T13:30:00Z'],
      ['2027-03-14T09:30:00', 'America/New_York', '2027-03-14T13:30:00Z'],
      ['2027-03-13T09:30:00', 'America/New_York', '2027-03-13T14:30:00Z'],
    ];
    const ids: Record<string, string> = {};
    for (const [local, zone] of cases) {
      const post = await createPost(
        t,
        feedWs.id,
        feedWs.members.marketer,
        germanCreditPost(brand.id, { scheduledAt: local, timezone: zone, title: `${zone} ${local}` }),
      );
      ids[post.id] = local;
    }
    const res = await request(t.http)
      .post(`/api/v1/workspaces/${feedWs.id}/feeds`)
      .set(auth(feedWs.members.marketer))
      .send({ name: 'DST' })
      .expect(201);
    const { body } = await fetchFeed(new URL(res.body.url).pathname, 'dst');
    const events = parseFeed(body).events;
    // Only events inside the window (90 days back, 12 months ahead) are in the feed.
    const now = Date.now();
    for (const [local, zone, utc] of cases) {
      const instant = new Date(utc).getTime();
      const inWindow = instant >= now - 90 * 86400_000 && instant < now + 365 * 86400_000;
      const event = events.find((e) => e.summary.endsWith(`${zone} ${local}`));
      if (inWindow) expect(event?.start).toEqual(new Date(utc));
      else expect(event).toBeUndefined();
    }
    const rows: { scheduled_at: Date }[] = await t.dataSource.query(
      'SELECT scheduled_at FROM posts WHERE workspace_id = $1',
      [feedWs.id],
    );
    for (const event of events) expect(rows.map((r) => r.scheduled_at.getTime())).toContain(event.start.getTime());
    expect(body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
  });

  it('answers 304 to a matching ETag or date, and 200 with a new ETag after a change', async () => {
    const feed = await createFeed();
    const first = await fetchFeed(feed.path, 'etag-1');
    expect(first.etag).toMatch(/^"sha256-[A-Za-z0-9_-]+"$/);
    await request(t.http).get(feed.path).set('If-None-Match', first.etag).expect(304);
    await request(t.http).get(feed.path).set('If-Modified-Since', first.lastModified).expect(304);
    const head = await request(t.http).head(feed.path).expect(200);
    expect(head.headers.etag).toBe(first.etag);

    // Last-Modified has one-second resolution: make the change land in a later second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await createPost(
      t,
      ws.id,
      ws.members.marketer,
      germanCreditPost(brandId, { title: 'A change', scheduledAt: '2027-11-20T09:00:00' }),
    );
    const changed = await request(t.http).get(feed.path).set('If-None-Match', first.etag).expect(200);
    expect(changed.headers.etag).not.toBe(first.etag);
    await request(t.http).get(feed.path).set('If-Modified-Since', first.lastModified).expect(200);
  });

  it('filters by jurisdiction, channel and status, and labels in the member language', async () => {
    const nlWs = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    await t.dataSource.query(`UPDATE memberships SET language = 'de' WHERE workspace_id = $1`, [nlWs.id]);
    const brand = await createBrand(t, nlWs.id, nlWs.members.admin);
    await createPost(
      t,
      nlWs.id,
      nlWs.members.marketer,
      germanCreditPost(brand.id, { title: 'Insta DE', scheduledAt: '2027-11-15T09:00:00' }),
    );
    await createPost(
      t,
      nlWs.id,
      nlWs.members.marketer,
      germanCreditPost(brand.id, { title: 'FB DE', channels: ['facebook'], scheduledAt: '2027-11-16T09:00:00' }),
    );
    const res = await request(t.http)
      .post(`/api/v1/workspaces/${nlWs.id}/feeds`)
      .set(auth(nlWs.members.marketer))
      .send({ name: 'Facebook\r\nX-INJECTED:1; only', filter: { channels: ['facebook'], statuses: ['draft'] } })
      .expect(201);
    const { body } = await fetchFeed(new URL(res.body.url).pathname, 'filter');
    const parsed = parseFeed(body);
    expect(parsed.events.map((e) => e.summary)).toEqual(['[Entwurf] FB DE']);
    expect(parsed.events[0].categories).toEqual(expect.arrayContaining(['Entwurf', 'DE', 'facebook']));
    expect(body).not.toMatch(/^X-INJECTED/m);
    expect(parsed.name).toContain('Facebook');
  });

  describe('with the approval workflow', () => {
    let flow: TestWorkspace;
    let deBrandId: string;
    beforeAll(async () => {
      flow = await createWorkspace(t, ALL_ROLES);
      deBrandId = (await createBrand(t, flow.id, flow.members.admin, { profile: DE_BANK_PROFILE })).id;
    });
    const feedOf = async (member: keyof typeof ALL_ROLES, filter: Record<string, unknown> = {}): Promise<string> => {
      const res = await request(t.http)
        .post(`/api/v1/workspaces/${flow.id}/feeds`)
        .set(auth(flow.members[member]))
        .send({ name: `${member} feed`, filter })
        .expect(201);
      return new URL(res.body.url).pathname;
    };

    it('turns an approved post CONFIRMED and drops a rejected one', async () => {
      const approved = await createPost(
        t,
        flow.id,
        flow.members.marketer,
        compliantGermanCreditPost(deBrandId, { title: 'Goes out' }),
      );
      const rejected = await createPost(
        t,
        flow.id,
        flow.members.marketer,
        compliantGermanCreditPost(deBrandId, { title: 'Turned down' }),
      );
      const path = await feedOf('marketer');
      const before = parseFeed((await fetchFeed(path, 'workflow-before')).body).events;
      expect(
        before.filter((e) => e.summary.endsWith('Goes out') || e.summary.endsWith('Turned down')).map((e) => e.status),
      ).toEqual(['TENTATIVE', 'TENTATIVE']);

      const post = await approvePost(t, flow, approved.id);
      expect(post.status).toBe('scheduled');
      await request(t.http)
        .post(`/api/v1/workspaces/${flow.id}/posts/${rejected.id}/submit`)
        .set(auth(flow.members.marketer))
        .send({ revision: 1 })
        .expect(201);
      await request(t.http)
        .post(`/api/v1/workspaces/${flow.id}/posts/${rejected.id}/decisions`)
        .set(auth(flow.members.reviewer))
        .send({ revision: 1, stage: 'compliance', decision: 'reject', comment: 'Not this season.' })
        .expect(201);

      const after = parseFeed((await fetchFeed(path, 'workflow-after')).body).events;
      const goes = after.find((e) => e.uid === `post-${approved.id}@preclear.bank.example`);
      expect(goes).toMatchObject({ status: 'CONFIRMED', summary: '[Scheduled] Goes out' });
      expect(goes!.categories).toContain('Scheduled');
      expect(goes!.sequence).toBeGreaterThan(before.find((e) => e.uid === goes!.uid)!.sequence);
      expect(after.find((e) => e.uid === `post-${rejected.id}@preclear.bank.example`)).toBeUndefined();
    });

    it('gives a reviewer their open stages as events at the due time, and a marketer only their own posts', async () => {
      const mine = await createPost(
        t,
        flow.id,
        flow.members.marketer,
        compliantGermanCreditPost(deBrandId, { title: 'Needs a review' }),
      );
      const theirs = await createPost(
        t,
        flow.id,
        flow.members.admin,
        compliantGermanCreditPost(deBrandId, { title: 'Written by the admin' }),
      );
      await request(t.http)
        .post(`/api/v1/workspaces/${flow.id}/posts/${mine.id}/submit`)
        .set(auth(flow.members.marketer))
        .send({ revision: 1 })
        .expect(201);
      const review = await request(t.http)
        .get(`/api/v1/workspaces/${flow.id}/posts/${mine.id}/review`)
        .set(auth(flow.members.reviewer))
        .expect(200);
      const dueAt = new Date(review.body.post.stages[0].dueAt);

      const reviewerFeed = parseFeed(
        (await fetchFeed(await feedOf('reviewer', { mine: true }), 'mine-reviewer')).body,
      ).events;
      const stage = reviewerFeed.find((e) => e.uid === `stage-${mine.id}-compliance@preclear.bank.example`);
      expect(stage).toMatchObject({ status: 'TENTATIVE', start: dueAt });
      expect(stage!.summary).toBe('[Review due: compliance] Needs a review');
      // The reviewer wrote none of these posts: no post events in a `mine` feed.
      expect(reviewerFeed.filter((e) => e.uid.startsWith('post-'))).toEqual([]);

      const marketerFeed = parseFeed(
        (await fetchFeed(await feedOf('marketer', { mine: true }), 'mine-marketer')).body,
      ).events;
      expect(marketerFeed.some((e) => e.uid === `post-${mine.id}@preclear.bank.example`)).toBe(true);
      expect(marketerFeed.some((e) => e.uid === `post-${theirs.id}@preclear.bank.example`)).toBe(false);
      expect(marketerFeed.some((e) => e.uid.startsWith('stage-'))).toBe(false);
    });

    it('writes review events in the member language: stage and role names, times in the post zone', async () => {
      const post = await createPost(
        t,
        flow.id,
        flow.members.marketer,
        compliantGermanCreditPost(deBrandId, {
          title: 'Zeit im Feed',
          scheduledAt: '2027-11-17T15:00:00',
          timezone: 'Europe/Berlin',
        }),
      );
      await request(t.http)
        .post(`/api/v1/workspaces/${flow.id}/posts/${post.id}/submit`)
        .set(auth(flow.members.marketer))
        .send({ revision: 1 })
        .expect(201);
      await t.dataSource.query(`UPDATE memberships SET language = 'de' WHERE workspace_id = $1 AND user_id = $2`, [
        flow.id,
        flow.members.reviewer.userId,
      ]);
      const events = parseFeed((await fetchFeed(await feedOf('reviewer', { mine: true }), 'review-de')).body).events;
      const stage = events.find((e) => e.uid === `stage-${post.id}-compliance@preclear.bank.example`)!;
      expect(stage.summary).toBe('[Prüfung fällig: Compliance] Zeit im Feed');
      // Due 15:00 minus 240 minutes = 11:00 Berlin; both times as
      // German readers write them, in the post's zone, not UTC.
      expect(stage.description).toContain('Stufe: Compliance (Prüfung)');
      expect(stage.description).toContain('Prüfung fällig bis: 17. November 2027 um 11:00 MEZ');
      expect(stage.description).toContain('Geplant für: 17. November 2027 um 15:00 MEZ');
      expect(stage.description).not.toContain('2027-11-17T');
      await t.dataSource.query(`UPDATE memberships SET language = 'en' WHERE workspace_id = $1 AND user_id = $2`, [
        flow.id,
        flow.members.reviewer.userId,
      ]);
    });
  });

  it('shows a member only their workspace, and a revoked or unknown token is 404', async () => {
    const other = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    const otherBrand = await createBrand(t, other.id, other.members.admin);
    await createPost(
      t,
      other.id,
      other.members.marketer,
      germanCreditPost(otherBrand.id, { title: 'Secret other workspace post', scheduledAt: '2027-11-12T09:00:00' }),
    );
    const feed = await createFeed();
    const { body } = await fetchFeed(feed.path, 'isolation');
    expect(body).not.toContain('Secret other workspace post');

    // Another workspace's member cannot revoke it; the owner can.
    await request(t.http)
      .delete(`/api/v1/workspaces/${other.id}/feeds/${feed.id}`)
      .set(auth(other.members.admin))
      .expect(404);
    await request(t.http)
      .delete(`/api/v1/workspaces/${ws.id}/feeds/${feed.id}`)
      .set(auth(ws.members.reviewer))
      .expect(404);
    await request(t.http)
      .delete(`/api/v1/workspaces/${ws.id}/feeds/${feed.id}`)
      .set(auth(ws.members.marketer))
      .expect(204);
    await request(t.http).get(feed.path).expect(404);
    await request(t.http)
      .get(feed.path.replace(/[A-Za-z]\.ics$/, 'x.ics'))
      .expect(404);
    await request(t.http).get('/feeds/short.ics').expect(404);
    const tokens: { token_hash: string }[] = await t.dataSource.query('SELECT token_hash FROM feeds WHERE id = $1', [
      feed.id,
    ]);
    expect(feed.url).not.toContain(tokens[0].token_hash);
  });

  it("refuses a filter on another workspace's campaign (or an unknown one) with 404, and accepts its own", async () => {
    const campaign = (body: Record<string, unknown>) => ({
      name: 'Spring savings',
      startsOn: '2026-03-01',
      endsOn: '2026-05-31',
      ...body,
    });
    const other = await createWorkspace(t, { admin: ['admin'] });
    const otherBrand = await createBrand(t, other.id, other.members.admin);
    const foreign = await request(t.http)
      .post(`/api/v1/workspaces/${other.id}/campaigns`)
      .set(auth(other.members.admin))
      .send(campaign({ brandId: otherBrand.id }))
      .expect(201);
    const own = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/campaigns`)
      .set(auth(ws.members.admin))
      .send(campaign({ brandId }))
      .expect(201);

    for (const campaignId of [foreign.body.id as string, '00000000-0000-4000-8000-000000000000']) {
      const res = await request(t.http)
        .post(`/api/v1/workspaces/${ws.id}/feeds`)
        .set(auth(ws.members.marketer))
        .send({ name: 'Campaign', filter: { campaignId } })
        .expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const feeds: { n: string }[] = await t.dataSource.query(
      'SELECT count(*)::text AS n FROM feeds WHERE workspace_id = $1 AND name = $2',
      [ws.id, 'Campaign'],
    );
    expect(feeds[0].n).toBe('0');
    const feed = await createFeed(ws.members.marketer, { name: 'Campaign', filter: { campaignId: own.body.id } });
    expect(feed.id).toEqual(expect.any(String));
  });
});
