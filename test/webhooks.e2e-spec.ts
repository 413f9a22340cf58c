import request from 'supertest';
import { HOST_RESOLVER, type HostResolver, type ResolvedAddress } from '../src/common/net/host-resolver';
import {
  createDeBrand,
  createWebhookChannel,
  insertScheduledPosts,
  isolatedStore,
  waitForStatus,
} from './support/scheduled-post';
import { DueWork, submitAndRunOnTime } from './support/due-work';
import { HOUR, TestClock } from './support/test-clock';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Webhook destinations as an attacker would choose them: refused at configuration and again
 * at send time after DNS; the call connects to the address that was checked. The app allows
 * only the name `hooks.bank.test` (WEBHOOK_ALLOWED_HOSTS), not 127.0.0.1 where the receivers
 * listen. A substituted resolver plays DNS: names only this file knows, one that rebinds.
 * The app runs on a TestClock: each post is due an hour ahead and runs when the clock gets there.
 */
describe('Webhook destinations and signatures (e2e)', () => {
  const store = isolatedStore('webhooks');
  let t: TestApp;
  let ws: TestWorkspace;
  const clock = new TestClock('2027-03-01T08:00:00Z');
  let due: DueWork;
  const receivers: WebhookReceiver[] = [];
  /** What each name resolves to, call after call (the last answer repeats). */
  const dns = new Map<string, string[][]>();
  const base = (): string => `/api/v1/workspaces/${ws.id}`;

  async function receiver(): Promise<WebhookReceiver> {
    const r = await WebhookReceiver.start();
    receivers.push(r);
    return r;
  }
  /** The receiver's URL under another host name (it still listens on 127.0.0.1). */
  const named = (r: WebhookReceiver, host: string): string => r.url.replace('127.0.0.1', host);

  beforeAll(async () => {
    t = await startTestApp(
      {
        ...store.env,
        RUN_WORKERS: 'true',
        WEBHOOK_ALLOWED_HOSTS: 'hooks.bank.test',
        PUBLISH_MAX_ATTEMPTS: '1',
        WEBHOOK_TIMEOUT_MS: '2000',
      },
      { clock },
    );
    ws = await createWorkspace(t, ALL_ROLES);
    due = new DueWork(t, clock);
    const resolver = t.app.get<HostResolver>(HOST_RESOLVER);
    jest.spyOn(resolver, 'resolve').mockImplementation((hostname: string): Promise<ResolvedAddress[]> => {
      const answers = dns.get(hostname);
      if (!answers) {
        return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
      }
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      return Promise.resolve(answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    });
    dns.set('hooks.bank.test', [['127.0.0.1']]);
    dns.set('internal.bank.test', [['10.20.30.40']]);
    dns.set('public.bank.test', [['93.184.216.34']]);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(receivers.map((r) => r.close()));
    await store.drop();
  });

  const channelBody = (brandId: string, url: string, channel = 'x'): Record<string, unknown> => ({
    name: 'Desk',
    brandId,
    channel,
    adapter: 'webhook',
    config: { url, secret: 'a-very-secret-value-123' },
  });

  it('refuses loopback, private, link-local, unspecified, mapped and metadata destinations at configuration with 422 naming config.url', async () => {
    const brandId = await createDeBrand(t, ws);
    for (const url of [
      'http://127.0.0.1:6379/',
      'http://127.0.0.1:5432/',
      'http://[::1]/hook',
      'http://0.0.0.0/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a00:1]/hook',
      'http://10.0.0.1/hook',
      'http://100.64.1.1/hook',
      'http://[fd00::1]/hook',
      'http://internal.bank.test/hook',
    ]) {
      const res = await request(t.http)
        .post(`${base()}/channels`)
        .set(auth(ws.members.publisher))
        .send(channelBody(brandId, url));
      expect([url, res.status, res.body.code]).toEqual([url, 422, 'WEBHOOK_DESTINATION_REFUSED']);
      expect(res.body.details).toEqual([
        { field: 'config.url', constraints: { destinationAllowed: expect.any(String) } },
      ]);
      // The same answer whatever the reason: nothing about ports or what is listening.
      expect(JSON.stringify(res.body)).not.toMatch(/ECONN|6379|5432|loopback|private/);
    }
    const rows: { n: string }[] = await t.dataSource.query(
      `SELECT count(*)::text AS n FROM channel_targets WHERE brand_id = $1`,
      [brandId],
    );
    expect(rows[0].n).toBe('0');
    // An allowed name and a public one are fine.
    await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send(channelBody(brandId, 'http://hooks.bank.test:9/hook'))
      .expect(201);
    await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send(channelBody(brandId, 'https://public.bank.test/hook', 'linkedin'))
      .expect(201);
  });

  it('refuses credentials in the URL with 400 naming config.url, and never shows legacy ones', async () => {
    const brandId = await createDeBrand(t, ws);
    const res = await request(t.http)
      .post(`${base()}/channels`)
      .set(auth(ws.members.publisher))
      .send(channelBody(brandId, 'https://user:pw@public.bank.test/hook'))
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['config.url']);

    // A target stored before this rule: its credentials are neither shown nor sent.
    const r = await receiver();
    const id = await createWebhookChannel(t, ws, brandId, 'instagram', {
      url: named(r, 'hooks.bank.test'),
      secret: r.secret,
    });
    await t.dataSource.query(`UPDATE channel_targets SET url = $2 WHERE id = $1`, [
      id,
      named(r, 'legacy-user:legacy-pw@hooks.bank.test'),
    ]);
    const list = await request(t.http).get(`${base()}/channels`).set(auth(ws.members.auditor)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('legacy-pw');
    expect(list.body.find((c: { id: string }) => c.id === id).config.url).toBe(named(r, 'hooks.bank.test'));
    const post = await submitAndRunOnTime(due, ws, brandId);
    const failed = await waitForStatus(t, ws, post.id, ['failed']);
    expect(failed.statusReason).toMatchObject({ failed: [{ channel: 'instagram', error: 'destination_refused' }] });
    expect(r.requests).toHaveLength(0);
  });

  it('connects to the address that was checked, sending the name as Host, with a signed timestamp', async () => {
    const r = await receiver();
    const brandId = await createDeBrand(t, ws);
    await createWebhookChannel(t, ws, brandId, 'instagram', { url: named(r, 'hooks.bank.test'), secret: r.secret });
    const post = await submitAndRunOnTime(due, ws, brandId);
    await waitForStatus(t, ws, post.id, ['published']);
    expect(r.requests).toHaveLength(1);
    const [received] = r.requests;
    // No real DNS knows hooks.bank.test: the socket went where the guard's resolver said.
    expect(received.headers.host).toBe(new URL(named(r, 'hooks.bank.test')).host);
    expect(received.headers['x-preclear-signature']).toMatch(/^t=\d{10},v1=[0-9a-f]{64}$/);
    const t0 = Number(/^t=(\d+)/.exec(received.headers['x-preclear-signature'] as string)![1]);
    expect(Math.abs(t0 - received.receivedAt / 1000)).toBeLessThan(60);
    expect(received.signatureValid).toBe(true);
  });

  it('refuses at send time a name that rebinds to an internal address after configuration; nothing reaches it', async () => {
    const r = await receiver();
    const brandId = await createDeBrand(t, ws);
    // Public when configured, then loopback (where the receiver listens) when it is time to send.
    dns.set('rebind.bank.test', [['93.184.216.34'], ['127.0.0.1']]);
    await createWebhookChannel(t, ws, brandId, 'instagram', { url: named(r, 'rebind.bank.test'), secret: r.secret });
    const post = await submitAndRunOnTime(due, ws, brandId);
    const failed = await waitForStatus(t, ws, post.id, ['failed']);
    expect(failed.statusReason).toMatchObject({
      failed: [{ channel: 'instagram', outcome: 'failed', error: 'destination_refused' }],
    });
    expect(r.requests).toHaveLength(0);
    const publications = await request(t.http)
      .get(`${base()}/posts/${post.id}/publications`)
      .set(auth(ws.members.publisher))
      .expect(200);
    expect(publications.body.publications[0].attempts).toMatchObject([
      { outcome: 'permanent_failure', error: 'destination_refused', httpStatus: null },
    ]);
  });

  it('refuses at send time a stored loopback destination that the allow list no longer covers; nothing reaches it', async () => {
    const r = await receiver();
    const brandId = await createDeBrand(t, ws);
    const id = await createWebhookChannel(t, ws, brandId, 'instagram', {
      url: named(r, 'hooks.bank.test'),
      secret: r.secret,
    });
    // As if stored under an older WEBHOOK_ALLOWED_HOSTS that allowed 127.0.0.1.
    await t.dataSource.query(`UPDATE channel_targets SET url = $2 WHERE id = $1`, [id, r.url]);
    const post = await submitAndRunOnTime(due, ws, brandId);
    const failed = await waitForStatus(t, ws, post.id, ['failed']);
    expect(failed.statusReason).toMatchObject({ failed: [{ channel: 'instagram', error: 'destination_refused' }] });
    expect(r.requests).toHaveLength(0);
  });

  it("shows a target's answer to publishers and admins only", async () => {
    const r = await receiver();
    const brandId = await createDeBrand(t, ws);
    await createWebhookChannel(t, ws, brandId, 'instagram', { url: named(r, 'hooks.bank.test'), secret: r.secret });
    r.answer({ status: 422, body: { error: 'rejected by desk-7 at 10.1.2.3' } });
    const post = await submitAndRunOnTime(due, ws, brandId);
    const failed = await waitForStatus(t, ws, post.id, ['failed']);
    expect(failed.statusReason).toMatchObject({ failed: [{ channel: 'instagram', error: 'HTTP 422' }] });

    for (const role of ['publisher', 'admin']) {
      const res = await request(t.http)
        .get(`${base()}/posts/${post.id}/publications`)
        .set(auth(ws.members[role]))
        .expect(200);
      expect([role, res.body.publications[0].attempts[0]]).toEqual([
        role,
        expect.objectContaining({
          error: 'HTTP 422',
          httpStatus: 422,
          responseExcerpt: '{"error":"rejected by desk-7 at 10.1.2.3"}',
        }),
      ]);
    }
    for (const role of ['marketer', 'reviewer', 'principal', 'auditor']) {
      const res = await request(t.http)
        .get(`${base()}/posts/${post.id}/publications`)
        .set(auth(ws.members[role]))
        .expect(200);
      expect([role, res.body.publications[0].attempts[0]]).toEqual([
        role,
        expect.objectContaining({ error: 'HTTP 422', httpStatus: 422 }),
      ]);
      expect(res.body.publications[0].attempts[0]).not.toHaveProperty('responseExcerpt');
      expect(JSON.stringify(res.body)).not.toContain('desk-7');
      const postView = await request(t.http).get(`${base()}/posts/${post.id}`).set(auth(ws.members[role])).expect(200);
      expect(JSON.stringify(postView.body)).not.toContain('desk-7');
    }
    const audit: { n: string }[] = await t.dataSource.query(
      `SELECT count(*)::text AS n FROM audit_entries WHERE chain = $1 AND data::text LIKE '%desk-7%'`,
      [ws.id],
    );
    expect(audit[0].n).toBe('0');
  });

  describe('PATCH /channels/:id', () => {
    async function target(): Promise<{ brandId: string; id: string; first: WebhookReceiver }> {
      const first = await receiver();
      const brandId = await createDeBrand(t, ws);
      const id = await createWebhookChannel(t, ws, brandId, 'instagram', {
        url: named(first, 'hooks.bank.test'),
        secret: first.secret,
      });
      return { brandId, id, first };
    }

    it('replaces url and secret in place: same id, the next publication goes to the new receiver signed with the new secret', async () => {
      const { brandId, id, first } = await target();
      const second = await WebhookReceiver.start('the-second-secret-0123456789');
      receivers.push(second);
      const res = await request(t.http)
        .patch(`${base()}/channels/${id}`)
        .set(auth(ws.members.publisher))
        .send({ name: 'New desk', config: { url: named(second, 'hooks.bank.test'), secret: second.secret } })
        .expect(200);
      expect(res.body).toMatchObject({
        id,
        brandId,
        channel: 'instagram',
        name: 'New desk',
        adapter: 'webhook',
        config: { url: named(second, 'hooks.bank.test'), secretSet: true },
      });
      expect(JSON.stringify(res.body)).not.toContain(second.secret);

      const live: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM channel_targets WHERE brand_id = $1 AND deleted_at IS NULL`,
        [brandId],
      );
      expect(live).toEqual([{ id }]);
      const post = await submitAndRunOnTime(due, ws, brandId);
      await waitForStatus(t, ws, post.id, ['published']);
      expect(first.requests).toHaveLength(0);
      expect(second.requests).toHaveLength(1);
      expect(second.requests[0].signatureValid).toBe(true);

      const audit: { data: Record<string, unknown> }[] = await t.dataSource.query(
        `SELECT data FROM audit_entries WHERE chain = $1 AND action = 'channel.updated' AND subject = $2`,
        [ws.id, `channel:${id}`],
      );
      expect(audit).toEqual([
        {
          data: {
            changed: ['name', 'config.url', 'config.secret'],
            name: 'New desk',
            adapter: 'webhook',
            url: named(second, 'hooks.bank.test'),
          },
        },
      ]);
      expect(JSON.stringify(audit)).not.toContain(second.secret);
    });

    it('never leaves due posts without a target while it changes: posts published during a stream of PATCHes all go out', async () => {
      const { brandId, id, first } = await target();
      const second = await receiver();
      const dueAt = new Date(clock.now().getTime() + HOUR);
      const postIds = await insertScheduledPosts(t.dataSource, {
        workspaceId: ws.id,
        brandId,
        userId: ws.members.marketer.userId,
        posts: Array.from({ length: 40 }, () => ({ dueAt })),
      });
      let patches = 0;
      let publishing = true;
      const flipping = (async () => {
        while (publishing) {
          const to = patches++ % 2 === 0 ? second : first;
          await request(t.http)
            .patch(`${base()}/channels/${id}`)
            .set(auth(ws.members.publisher))
            .send({ config: { url: named(to, 'hooks.bank.test') } })
            .expect(200);
        }
      })();
      try {
        // They have no jobs yet: the reconcile pass at their time adds them, and they run while the PATCHes go on.
        clock.set(dueAt);
        await due.reconcile();
      } finally {
        publishing = false;
        await flipping;
      }
      for (const postId of postIds) await waitForStatus(t, ws, postId, ['published', 'failed'], 10_000);
      const statuses: { status: string; n: number }[] = await t.dataSource.query(
        `SELECT status, count(*)::int AS n FROM posts WHERE id = ANY($1::uuid[]) GROUP BY status`,
        [postIds],
      );
      expect(statuses).toEqual([{ status: 'published', n: 40 }]);
      expect(patches).toBeGreaterThan(1);
      expect(new Set([...first.requests, ...second.requests].map((r) => r.body.postId))).toEqual(new Set(postIds));
    });

    it('keeps the secret when only the url changes, and drops both when switching to log', async () => {
      const { id } = await target();
      const before: { secret_sealed: string }[] = await t.dataSource.query(
        `SELECT secret_sealed FROM channel_targets WHERE id = $1`,
        [id],
      );
      await request(t.http)
        .patch(`${base()}/channels/${id}`)
        .set(auth(ws.members.admin))
        .send({ config: { url: 'https://public.bank.test/other' } })
        .expect(200);
      const after: { secret_sealed: string; url: string }[] = await t.dataSource.query(
        `SELECT secret_sealed, url FROM channel_targets WHERE id = $1`,
        [id],
      );
      expect(after[0]).toEqual({ secret_sealed: before[0].secret_sealed, url: 'https://public.bank.test/other' });
      const log = await request(t.http)
        .patch(`${base()}/channels/${id}`)
        .set(auth(ws.members.admin))
        .send({ adapter: 'log' })
        .expect(200);
      expect(log.body).toMatchObject({ adapter: 'log', config: { url: null, secretSet: false } });
      // Back to webhook: it needs both again.
      const incomplete = await request(t.http)
        .patch(`${base()}/channels/${id}`)
        .set(auth(ws.members.admin))
        .send({ adapter: 'webhook' })
        .expect(422);
      expect(incomplete.body).toMatchObject({ code: 'CHANNEL_CONFIG_INCOMPLETE' });
      expect(incomplete.body.details.map((d: { field: string }) => d.field)).toEqual(['config.url', 'config.secret']);
    });

    it('lets only publishers and admins of the workspace change a live target', async () => {
      const { id } = await target();
      for (const role of ['marketer', 'reviewer', 'principal', 'auditor']) {
        await request(t.http)
          .patch(`${base()}/channels/${id}`)
          .set(auth(ws.members[role]))
          .send({ name: 'Mine now' })
          .expect(403);
      }
      const other = await createWorkspace(t, { admin: ['admin'] });
      await request(t.http)
        .patch(`/api/v1/workspaces/${other.id}/channels/${id}`)
        .set(auth(other.members.admin))
        .send({ name: 'Mine now' })
        .expect(404);
      await request(t.http)
        .patch(`${base()}/channels/00000000-0000-4000-8000-000000000000`)
        .set(auth(ws.members.admin))
        .send({ name: 'x' })
        .expect(404);
      await request(t.http)
        .patch(`${base()}/channels/not-an-id`)
        .set(auth(ws.members.admin))
        .send({ name: 'x' })
        .expect(404);
      await request(t.http).delete(`${base()}/channels/${id}`).set(auth(ws.members.admin)).expect(200);
      await request(t.http)
        .patch(`${base()}/channels/${id}`)
        .set(auth(ws.members.admin))
        .send({ name: 'x' })
        .expect(404);
      const names: { name: string }[] = await t.dataSource.query(`SELECT name FROM channel_targets WHERE id = $1`, [
        id,
      ]);
      expect(names).toEqual([{ name: 'instagram test target' }]);
    });

    it.each([
      ['an empty body', {}, ['name, adapter, config, account']],
      ['a brand or channel', { brandId: '00000000-0000-4000-8000-000000000000', channel: 'x' }, ['brandId', 'channel']],
      ['nulls', { name: null, config: null }, ['name', 'config']],
      ['an unknown adapter and an empty name', { adapter: 'ftp', name: '' }, ['name', 'adapter']],
      [
        'a short secret and a bad url',
        { config: { url: 'ftp://x', secret: 'short' } },
        ['config.url', 'config.secret'],
      ],
      ['credentials in the url', { config: { url: 'https://u:p@public.bank.test/' } }, ['config.url']],
      ['an unknown config key', { config: { url: 'https://public.bank.test/', headers: {} } }, ['config.headers']],
    ])('refuses %s with 400 naming every field', async (_label, body, fields) => {
      const { id } = await target();
      const res = await request(t.http)
        .patch(`${base()}/channels/${id}`)
        .set(auth(ws.members.publisher))
        .send(body)
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([...fields].sort());
    });

    it('refuses an internal destination with 422 and leaves the target as it was', async () => {
      const { id, first } = await target();
      for (const url of ['http://127.0.0.1:6379/', 'http://internal.bank.test/', 'http://metadata.google.internal/']) {
        const res = await request(t.http)
          .patch(`${base()}/channels/${id}`)
          .set(auth(ws.members.publisher))
          .send({ config: { url } })
          .expect(422);
        expect(res.body.details).toEqual([
          { field: 'config.url', constraints: { destinationAllowed: expect.any(String) } },
        ]);
      }
      const rows: { url: string }[] = await t.dataSource.query(`SELECT url FROM channel_targets WHERE id = $1`, [id]);
      expect(rows).toEqual([{ url: named(first, 'hooks.bank.test') }]);
    });
  });
});
