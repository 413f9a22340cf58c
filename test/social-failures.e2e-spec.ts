import request from 'supertest';
import { createDeBrand, isolatedStore, waitForStatus } from './support/scheduled-post';
import { DueWork, submitAndRunOnTime } from './support/due-work';
import { TestClock } from './support/test-clock';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { graphError } from './support/fakes/meta-graph';
import { linkedInError } from './support/fakes/linkedin-api';
import { xProblem } from './support/fakes/x-api';
import { ACCOUNTS, createNetworkChannel, publicationsOf, SocialFakes } from './support/fakes/social-setup';
import type { RecordedRequest } from './support/fakes/fake-server';

/**
 * Each network's failure classes through the real app: retry later (at the time the network
 * names), reconnect needed (post held, channel marked), permanent; and a create that timed out
 * after the network accepted it, found on the network instead of being sent twice.
 *
 * On a TestClock that stands still at the wall-clock instant the file starts: each post is due a
 * second ahead and runs when the clock is moved there, with no real wait. Not on a day of its
 * own like the other publishing scenarios: the adapters read a network's Retry-After and
 * usage headers against the wall clock (network-errors.ts), so this clock stays close to it.
 */
describe('Social networks: failures, reconnects and never twice (e2e)', () => {
  const store = isolatedStore('social_fail');
  const fakes = new SocialFakes();
  let t: TestApp;
  let ws: TestWorkspace;
  const clock = new TestClock(new Date());
  let due: DueWork;
  /** A clear post due a second after the clock's instant, run there. */
  const publish = (brandId: string, overrides: Record<string, unknown>): ReturnType<typeof submitAndRunOnTime> =>
    submitAndRunOnTime(due, ws, brandId, overrides, 1000);
  const isFeed = (r: RecordedRequest): boolean => r.method === 'POST' && r.path.endsWith('/feed');
  const isTweet = (r: RecordedRequest): boolean => r.method === 'POST' && r.path === '/2/tweets';
  const isLiPost = (r: RecordedRequest): boolean => r.method === 'POST' && r.path === '/rest/posts';

  beforeAll(async () => {
    await fakes.start();
    t = await startTestApp(
      {
        ...store.env,
        ...fakes.env(),
        RUN_WORKERS: 'true',
        // Short: the retries here fire on their own real delays (the ledger runs a job this close to its time).
        PUBLISH_BACKOFF_MS: '300',
        SOCIAL_API_TIMEOUT_MS: '1000',
      },
      { clock },
    );
    ws = await createWorkspace(t, ALL_ROLES);
    due = new DueWork(t, clock);
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
    await store.drop();
  });

  async function dueAt(postId: string): Promise<Date> {
    const rows: { due_at: Date }[] = await t.dataSource.query(
      `SELECT due_at FROM publish_schedule WHERE post_id = $1`,
      [postId],
    );
    return rows[0].due_at;
  }

  /** Waits until every channel of the post has answered once and the post is back on the schedule for a retry. */
  async function waitForRetry(postId: string, channels: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const publications = await publicationsOf(t, ws, postId);
      const post = await request(t.http).get(`/api/v1/workspaces/${ws.id}/posts/${postId}`).set(auth(ws.members.admin));
      if (
        publications.length === channels &&
        publications.every((p) => p.status === 'retrying') &&
        post.body.status === 'scheduled'
      ) {
        return post.body.statusReason;
      }
      if (Date.now() > deadline) throw new Error(`no retry of ${postId}: ${JSON.stringify(publications)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('holds a post whose token the network refuses, marks the channel, and holds the next one without calling; a new token reconnects it', async () => {
    const brandId = await createDeBrand(t, ws, 'Reconnectbank');
    const channelId = await createNetworkChannel(t, ws, brandId, 'x', 'revoked-token-000');
    const first = await publish(brandId, {
      channels: ['x'],
      body: 'Erster Beitrag nach dem Widerruf.',
    });
    const held = await waitForStatus(t, ws, first.id, ['held'], 20_000);
    expect(held.statusReason).toMatchObject({
      code: 'reconnect_needed',
      channels: [{ channel: 'x', reason: expect.stringContaining('x_401') }],
    });
    const channels = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/channels`)
      .set(auth(ws.members.publisher))
      .expect(200);
    expect(channels.body.find((c: { id: string }) => c.id === channelId).health).toMatchObject({
      status: 'needs_reconnect',
      reason: expect.stringContaining('x_401'),
    });
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE subject = $1 AND action = 'channel.needs_reconnect'`,
      [`channel:${channelId}`],
    );
    expect(audit).toHaveLength(1);

    const callsBefore = fakes.x.server.requests.length;
    const second = await publish(brandId, {
      channels: ['x'],
      body: 'Zweiter Beitrag, während die Verbindung fehlt.',
    });
    const secondHeld = await waitForStatus(t, ws, second.id, ['held'], 20_000);
    expect(secondHeld.statusReason).toMatchObject({ code: 'reconnect_needed' });
    expect(fakes.x.server.requests.length).toBe(callsBefore);

    const patched = await request(t.http)
      .patch(`/api/v1/workspaces/${ws.id}/channels/${channelId}`)
      .set(auth(ws.members.publisher))
      .send({ account: { accessToken: ACCOUNTS.x.token } })
      .expect(200);
    expect(patched.body.health).toMatchObject({ status: 'connected', reason: null });
  });

  it('maps Graph API errors: code 2 retried, 4 rescheduled when the usage header says, 368 in an hour, 506 permanent, 190 held', async () => {
    const brandId = await createDeBrand(t, ws, 'Graphbank');
    await createNetworkChannel(t, ws, brandId, 'facebook');
    const postsBefore = fakes.meta.posts.length;
    fakes.meta.server.failNext(
      isFeed,
      graphError(2, 'An unexpected error has occurred. Please retry your request later.', 500),
    );
    const transient = await publish(brandId, {
      channels: ['facebook'],
      body: 'Transient: wird wiederholt.',
    });
    await waitForStatus(t, ws, transient.id, ['published'], 20_000);
    expect(fakes.meta.posts.length - postsBefore).toBe(1);
    expect((await publicationsOf(t, ws, transient.id))[0].attempts.map((a) => [a.outcome, a.error])).toEqual([
      ['retryable_failure', 'graph_2'],
      ['success', null],
    ]);

    const usage = JSON.stringify({
      [ACCOUNTS.facebook.id]: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 }],
    });
    fakes.meta.server.failNext(isFeed, {
      ...graphError(4, 'Application request limit reached', 400),
      headers: { 'x-business-use-case-usage': usage },
    });
    const throttled = await publish(brandId, {
      channels: ['facebook'],
      body: 'Gedrosselt: später.',
    });
    const retrying = await waitForRetry(throttled.id, 1);
    expect(retrying).toMatchObject({
      code: 'retrying',
      channels: [{ channel: 'facebook', error: 'graph_4_throttled' }],
    });
    expect((await dueAt(throttled.id)).getTime() - clock.now().getTime()).toBeGreaterThan(6 * 60_000);

    fakes.meta.server.failNext(
      isFeed,
      graphError(368, 'It looks like you were misusing this feature by going too fast.', 400, 1390008),
    );
    const blocked = await publish(brandId, {
      channels: ['facebook'],
      body: 'Gesperrt: in einer Stunde.',
    });
    await waitForRetry(blocked.id, 1);
    await expect(publicationsOf(t, ws, blocked.id)).resolves.toMatchObject([
      { lastError: { error: 'graph_368_1390008_temporarily_blocked' } },
    ]);
    expect((await dueAt(blocked.id)).getTime() - clock.now().getTime()).toBeGreaterThan(55 * 60_000);

    fakes.meta.server.failNext(isFeed, graphError(506, 'Duplicate status message', 400, 1455006));
    const duplicate = await publish(brandId, { channels: ['facebook'], body: 'Doppelt.' });
    const failed = await waitForStatus(t, ws, duplicate.id, ['failed'], 20_000);
    expect(failed.statusReason).toMatchObject({
      failed: [{ channel: 'facebook', error: 'graph_506_1455006_duplicate_post' }],
    });

    fakes.meta.server.failNext(
      isFeed,
      graphError(190, 'Error validating access token: Session has expired.', 400, 463),
    );
    const expired = await publish(brandId, {
      channels: ['facebook'],
      body: 'Token abgelaufen.',
    });
    const held = await waitForStatus(t, ws, expired.id, ['held'], 20_000);
    expect(held.statusReason).toMatchObject({
      code: 'reconnect_needed',
      channels: [{ channel: 'facebook', reason: expect.stringContaining('graph_190_463') }],
    });
  });

  it('maps LinkedIn and X errors: 422 DUPLICATE_POST and X 403 duplicate permanent, 429 rescheduled at Retry-After / x-rate-limit-reset', async () => {
    const brandId = await createDeBrand(t, ws, 'Limitbank');
    await createNetworkChannel(t, ws, brandId, 'linkedin');
    await createNetworkChannel(t, ws, brandId, 'x');
    fakes.linkedin.server.failNext(isLiPost, {
      ...linkedInError(
        429,
        'Resource level throttle DAY limit for calls to this resource is reached.',
        'TOO_MANY_REQUESTS',
      ),
      headers: { 'retry-after': '600' },
    });
    const reset = Math.floor(clock.now().getTime() / 1000) + 1200;
    fakes.x.server.failNext(
      isTweet,
      xProblem(429, 'Too Many Requests', 'Too Many Requests', {
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      }),
    );
    const limited = await publish(brandId, {
      channels: ['linkedin', 'x'],
      body: 'Limit erreicht.',
    });
    await waitForRetry(limited.id, 2);
    // The later of the two: X's reset in 20 minutes.
    expect(Math.abs((await dueAt(limited.id)).getTime() - reset * 1000)).toBeLessThan(2000);
    const errors = (await publicationsOf(t, ws, limited.id)).map((p) => [p.channel, p.lastError?.error]).sort();
    expect(errors).toEqual([
      ['linkedin', 'linkedin_429_TOO_MANY_REQUESTS_throttled'],
      ['x', 'x_429_throttled'],
    ]);

    const original = await publish(brandId, {
      channels: ['linkedin', 'x'],
      body: 'Derselbe Text zweimal.',
    });
    await waitForStatus(t, ws, original.id, ['published'], 20_000);
    const again = await publish(brandId, {
      channels: ['linkedin', 'x'],
      body: 'Derselbe Text zweimal.',
    });
    const failed = await waitForStatus(t, ws, again.id, ['failed'], 20_000);
    const failures = (failed.statusReason as { failed: { channel: string; error: string }[] }).failed
      .map((f) => [f.channel, f.error])
      .sort();
    expect(failures).toEqual([
      ['linkedin', 'linkedin_422_DUPLICATE_POST'],
      ['x', 'x_403_duplicate_content'],
    ]);
  });

  it.each([
    ['x', isTweet, (f: SocialFakes) => f.x.tweets.length, (f: SocialFakes) => f.x.tweets[0].id],
    ['linkedin', isLiPost, (f: SocialFakes) => f.linkedin.posts.length, (f: SocialFakes) => f.linkedin.posts[0].id],
    ['facebook', isFeed, (f: SocialFakes) => f.meta.posts.length, (f: SocialFakes) => f.meta.posts[0].id],
  ] as const)(
    '%s: a create answered after the timeout is found on the network before any retry: exactly one post, with its id',
    async (network, isCreate, count, latestId) => {
      const brandId = await createDeBrand(t, ws, `Timeout ${network}`);
      await createNetworkChannel(t, ws, brandId, network);
      const server =
        network === 'x' ? fakes.x.server : network === 'linkedin' ? fakes.linkedin.server : fakes.meta.server;
      const before = { count: count(fakes), requests: server.requests.filter(isCreate).length };
      server.delayNext(isCreate, 2500);
      const post = await publish(brandId, {
        channels: [network],
        body: `Zeitüberschreitung bei ${network}, aber angekommen.`,
      });
      await waitForStatus(t, ws, post.id, ['published'], 30_000);
      // Published is set before the proofs are written: wait until the job itself has finished.
      await due.runDue();
      expect(count(fakes) - before.count).toBe(1);
      expect(server.requests.filter(isCreate).length - before.requests).toBe(1);
      const [publication] = await publicationsOf(t, ws, post.id);
      expect(publication.externalId).toBe(latestId(fakes));
      expect(publication.attempts.map((a) => a.outcome)).toEqual(['unknown', 'success']);
      const proofs = await t.dataSource.query(
        `SELECT kind, external_id FROM publication_proofs WHERE publication_id = $1 ORDER BY id`,
        [(publication as unknown as { id: string }).id],
      );
      expect(proofs[0]).toEqual({ kind: 'found', external_id: latestId(fakes) });
      const audit = await t.dataSource.query(
        `SELECT data FROM audit_entries WHERE subject = $1 AND action = 'publication.reconciled'`,
        [`post:${post.id}`],
      );
      expect(audit).toEqual([
        { data: expect.objectContaining({ channel: network, found: true, externalId: latestId(fakes) }) },
      ]);
    },
  );

  it('instagram: after a media_publish answered late, the lookup asks the container (PUBLISHED) and finds the media; a publish that was not carried out is sent again once', async () => {
    const brandId = await createDeBrand(t, ws, 'Timeout instagram');
    await createNetworkChannel(t, ws, brandId, 'instagram');
    const isPublish = (r: RecordedRequest): boolean => r.method === 'POST' && r.path.endsWith('/media_publish');
    const before = fakes.meta.media.length;
    fakes.meta.server.delayNext(isPublish, 2500);
    const found = await publish(brandId, {
      channels: ['instagram'],
      body: 'Instagram: spät beantwortet.',
      media: [{ kind: 'image', url: fakes.imageUrl('ig.png'), altText: 'Filiale' }],
    });
    await waitForStatus(t, ws, found.id, ['published'], 30_000);
    // Published is set before the proofs are written: wait until the job itself has finished.
    await due.runDue();
    expect(fakes.meta.media.length - before).toBe(1);
    const [first] = await publicationsOf(t, ws, found.id);
    expect(first.externalId).toBe(fakes.meta.media[0].id);
    // The lookup asked about the container the first call had made, and found it PUBLISHED.
    const kinds = await t.dataSource.query(
      `SELECT kind, external_id FROM publication_proofs WHERE publication_id = $1 ORDER BY id`,
      [(first as unknown as { id: string }).id],
    );
    const container = kinds[0].external_id as string;
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['checkpoint', 'found', 'readback']);
    expect(
      fakes.meta.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/${container}`)).length,
    ).toBeGreaterThanOrEqual(2);

    // Refused (nothing published) but answered late: the lookup finds nothing, and one new call publishes it.
    fakes.meta.server.delayNext(isPublish, 2500);
    fakes.meta.server.failNext(isPublish, graphError(2, 'Service temporarily unavailable', 503));
    const absent = await publish(brandId, {
      channels: ['instagram'],
      body: 'Instagram: nicht angekommen.',
      media: [{ kind: 'image', url: fakes.imageUrl('ig2.png'), altText: 'Filiale' }],
    });
    await waitForStatus(t, ws, absent.id, ['published'], 30_000);
    // Published is set before the proofs are written: wait until the job itself has finished.
    await due.runDue();
    expect(fakes.meta.media.length - before).toBe(2);
    const [publication] = await publicationsOf(t, ws, absent.id);
    expect(publication.attempts.map((a) => a.outcome)).toEqual(['unknown', 'success']);
    const proofs = await t.dataSource.query(
      `SELECT kind FROM publication_proofs WHERE publication_id = $1 AND kind <> 'checkpoint' ORDER BY id`,
      [(publication as unknown as { id: string }).id],
    );
    expect(proofs.map((p: { kind: string }) => p.kind)).toEqual(['not_found', 'readback']);
  });
});
