import request from 'supertest';
import { ChannelConnections } from '../src/publishing/connections/channel-connections.service';
import { SECRET_BOX, type SecretBox } from '../src/publishing/secret-box';
import { createBrand } from './support/fixtures';
import { FakeOAuthServer, s256 } from './support/fakes/oauth-authorization-server';
import { fakeLinkedInOAuth } from './support/fakes/oauth-linkedin';
import { fakeMetaOAuth, META_APP } from './support/fakes/oauth-meta';
import { fakeXOAuth, X_USER } from './support/fakes/oauth-x';
import {
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';

const PUBLIC_URL = 'http://preclear.test';

interface ChannelView {
  id: string;
  adapter: string;
  channel: string;
  accountId: string | null;
  health: { status: string; expiresAt: string | null; reason: string | null };
}

/**
 * The browser side of the dance: start, follow the network's redirect, land on the callback with the binding cookie.
 */
async function dance(
  t: TestApp,
  ws: TestWorkspace,
  member: TestMember,
  body: Record<string, unknown>,
  tamper: (authorizationUrl: URL) => Promise<void> = async () => {},
): Promise<{ location: URL; cookie: string; callbackPath: string }> {
  const started = await request(t.http)
    .post(`/api/v1/workspaces/${ws.id}/channels/connect`)
    .set(auth(member))
    .send(body)
    .expect(200);
  const cookie = (started.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  const authorizationUrl = new URL((started.body as { authorizationUrl: string }).authorizationUrl);
  await tamper(authorizationUrl);
  const atNetwork = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(atNetwork.status).toBe(302);
  const back = new URL(atNetwork.headers.get('location')!);
  expect(back.origin).toBe(PUBLIC_URL);
  const callbackPath = back.pathname + back.search;
  const landed = await request(t.http).get(callbackPath).set('Cookie', cookie).expect(302);
  return { location: new URL(landed.headers.location), cookie, callbackPath };
}

describe('Connecting social accounts (OAuth)', () => {
  let t: TestApp;
  let linkedin: FakeOAuthServer;
  let meta: ReturnType<typeof fakeMetaOAuth>;
  let x: FakeOAuthServer;
  let ws: TestWorkspace;
  let brandId: string;

  beforeAll(async () => {
    linkedin = await fakeLinkedInOAuth(PUBLIC_URL, [
      { id: '1001', localizedName: 'Bank Example' },
      { id: '1002', localizedName: 'Bank Example Careers' },
    ]).start();
    meta = await fakeMetaOAuth(PUBLIC_URL, [
      { id: 'p1', name: 'Bank Example', instagram: { id: 'ig1', username: 'bankexample' } },
      { id: 'p2', name: 'Bank Example Jobs' },
      { id: 'p3', name: 'Bank Example Events' },
    ]).start();
    x = await fakeXOAuth(PUBLIC_URL).start();
    t = await startTestApp({
      PUBLIC_URL,
      LINKEDIN_CLIENT_ID: linkedin.profile.clientId,
      LINKEDIN_CLIENT_SECRET: linkedin.profile.clientSecret,
      LINKEDIN_OAUTH_URL: `${linkedin.baseUrl}/oauth/v2`,
      LINKEDIN_API_URL: linkedin.baseUrl,
      META_APP_ID: META_APP.id,
      META_APP_SECRET: META_APP.secret,
      META_OAUTH_URL: `${meta.baseUrl}/v21.0`,
      META_GRAPH_URL: meta.baseUrl,
      X_CLIENT_ID: x.profile.clientId,
      X_CLIENT_SECRET: x.profile.clientSecret,
      X_OAUTH_URL: `${x.baseUrl}/i/oauth2`,
      X_API_URL: x.baseUrl,
    });
    ws = await createWorkspace(t, {
      admin: ['admin'],
      publisher: ['publisher'],
      other: ['publisher'],
      marketer: ['marketer'],
      auditor: ['auditor'],
    });
    brandId = (await createBrand(t, ws.id, ws.members.admin)).id;
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([linkedin.stop(), meta.stop(), x.stop()]);
  });

  const channels = async (): Promise<ChannelView[]> =>
    (await request(t.http).get(`/api/v1/workspaces/${ws.id}/channels`).set(auth(ws.members.auditor)).expect(200))
      .body as ChannelView[];

  const secretsIn = (server: FakeOAuthServer): string[] => [...server.accessTokens.keys(), server.profile.clientSecret];

  /** Neither the API's answers nor the audit chain may show a token or a client secret. */
  async function expectNoSecretsShown(servers: FakeOAuthServer[], ...answers: unknown[]): Promise<void> {
    const audit = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/audit`)
      .set(auth(ws.members.auditor))
      .expect(200);
    const shown = JSON.stringify([audit.body, ...answers, await channels()]);
    for (const secret of servers.flatMap(secretsIn)) expect(shown).not.toContain(secret);
    expect(shown).not.toMatch(/rt-[0-9a-f]{32}/);
  }

  it('X: PKCE S256 dance, one target with the user account and a refreshable 2-hour token, audited without tokens', async () => {
    const { location } = await dance(t, ws, ws.members.publisher, {
      network: 'x',
      brandId,
      channel: 'x',
      name: 'Bank on X',
    });
    expect(location.pathname).toBe('/channels');
    expect(location.searchParams.get('connect')).toBe('connected');
    const [tokenCall] = x.tokenRequests();
    expect(tokenCall.headers.authorization).toMatch(/^Basic /);
    expect(tokenCall.form.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const target = (await channels()).find((c) => c.id === location.searchParams.get('channel'))!;
    expect(target).toMatchObject({
      adapter: 'x',
      channel: 'x',
      accountId: X_USER.id,
      health: { status: 'connected', reason: null },
    });
    expect(Date.parse(target.health.expiresAt!) - Date.now()).toBeGreaterThan(7000_000);
    const audit = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/audit`)
      .set(auth(ws.members.auditor))
      .expect(200);
    const entry = (audit.body as { items: { action: string; data: Record<string, unknown> }[] }).items.find(
      (e) => e.action === 'channel.connected',
    );
    expect(entry?.data).toMatchObject({ network: 'x', accountId: X_USER.id, reconnected: false, refreshable: true });
    await expectNoSecretsShown([x], location.toString());
  });

  it('LinkedIn: client secret in the form (no PKCE), several organisations: the member picks one; reconnecting keeps the target', async () => {
    const { location } = await dance(t, ws, ws.members.publisher, {
      network: 'linkedin',
      brandId,
      channel: 'linkedin',
      name: 'Bank on LinkedIn',
    });
    expect(location.searchParams.get('connect')).toBe('choose');
    const [tokenCall] = linkedin.tokenRequests();
    expect(tokenCall.form.get('client_secret')).toBe(linkedin.profile.clientSecret);
    expect(tokenCall.form.has('code_verifier')).toBe(false);
    const id = location.searchParams.get('connection')!;
    const path = `/api/v1/workspaces/${ws.id}/channels/connections/${id}`;
    await request(t.http).get(path).set(auth(ws.members.other)).expect(404);
    const offered = await request(t.http).get(path).set(auth(ws.members.publisher)).expect(200);
    expect((offered.body as { accounts: unknown[] }).accounts).toEqual([
      { id: 'urn:li:organization:1001', name: 'Bank Example' },
      { id: 'urn:li:organization:1002', name: 'Bank Example Careers' },
    ]);
    const bad = await request(t.http)
      .post(path)
      .set(auth(ws.members.publisher))
      .send({ accountId: 'urn:li:organization:9' })
      .expect(422);
    expect((bad.body as { code: string }).code).toBe('OAUTH_ACCOUNT_NOT_OFFERED');
    const chosen = await request(t.http)
      .post(path)
      .set(auth(ws.members.publisher))
      .send({ accountId: 'urn:li:organization:1002' })
      .expect(200);
    expect(chosen.body).toMatchObject({
      adapter: 'linkedin',
      accountId: 'urn:li:organization:1002',
      health: { status: 'connected' },
    });
    await request(t.http)
      .post(path)
      .set(auth(ws.members.publisher))
      .send({ accountId: 'urn:li:organization:1002' })
      .expect(404);

    const again = await dance(t, ws, ws.members.admin, {
      network: 'linkedin',
      brandId,
      channel: 'linkedin',
      name: 'Bank on LinkedIn',
      accountId: 'urn:li:organization:1001',
    });
    expect(again.location.searchParams.get('channel')).toBe((chosen.body as { id: string }).id);
    expect((await channels()).filter((c) => c.channel === 'linkedin')).toHaveLength(1);
    await expectNoSecretsShown([linkedin], chosen.body, offered.body);
  });

  it('Facebook and Instagram: long-lived exchange, pages across two listing pages, page tokens that do not expire', async () => {
    const fb = await dance(t, ws, ws.members.publisher, {
      network: 'facebook',
      brandId,
      channel: 'facebook',
      name: 'Bank on Facebook',
      accountId: 'p3',
    });
    expect(fb.location.searchParams.get('connect')).toBe('connected');
    const ig = await dance(t, ws, ws.members.publisher, {
      network: 'instagram',
      brandId,
      channel: 'instagram',
      name: 'Bank on Instagram',
    });
    expect(ig.location.searchParams.get('connect')).toBe('connected');
    const list = await channels();
    expect(list.find((c) => c.channel === 'facebook')).toMatchObject({
      accountId: 'p3',
      health: { status: 'connected', expiresAt: null },
    });
    expect(list.find((c) => c.channel === 'instagram')).toMatchObject({
      accountId: 'ig1',
      health: { status: 'connected', expiresAt: null },
    });
    const exchanges = meta.requests.filter((r) => r.query.get('grant_type') === 'fb_exchange_token');
    expect(exchanges).toHaveLength(2);
    // The page token is what publishes; it is stored sealed, never shown.
    const [row] = await t.dataSource.query(
      `SELECT secret_sealed FROM channel_targets WHERE workspace_id = $1 AND channel = 'facebook'`,
      [ws.id],
    );
    expect(t.app.get<SecretBox>(SECRET_BOX).open(row.secret_sealed)).toBe(meta.pageTokens.get('p3'));
    await expectNoSecretsShown([meta]);
  });

  it('refuses a replayed state, a state finished by another member or browser, and a denial at the network', async () => {
    const first = await dance(t, ws, ws.members.publisher, { network: 'x', brandId, channel: 'x', name: 'Bank on X' });
    expect(first.location.searchParams.get('connect')).toBe('connected');
    const replay = await request(t.http).get(first.callbackPath).set('Cookie', first.cookie).expect(302);
    expect(new URL(replay.headers.location).searchParams.get('code')).toBe('OAUTH_STATE_INVALID');

    const started = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/channels/connect`)
      .set(auth(ws.members.publisher))
      .send({ network: 'x', brandId, channel: 'x', name: 'X' })
      .expect(200);
    const atNetwork = await fetch((started.body as { authorizationUrl: string }).authorizationUrl, {
      redirect: 'manual',
    });
    const back = new URL(atNetwork.headers.get('location')!);
    const others = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/channels/connect`)
      .set(auth(ws.members.other))
      .send({ network: 'x', brandId, channel: 'x', name: 'X' })
      .expect(200);
    const otherCookie = (others.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const foreign = await request(t.http)
      .get(back.pathname + back.search)
      .set('Cookie', otherCookie)
      .set(auth(ws.members.other))
      .expect(302);
    expect(new URL(foreign.headers.location).searchParams.get('code')).toBe('OAUTH_STATE_FOREIGN');
    const noCookie = await request(t.http)
      .get(back.pathname + back.search)
      .expect(302);
    // The foreign attempt used the state up: single use, whoever presents it.
    expect(new URL(noCookie.headers.location).searchParams.get('code')).toBe('OAUTH_STATE_INVALID');

    x.denyNextAuthorization();
    const denied = await dance(t, ws, ws.members.publisher, { network: 'x', brandId, channel: 'x', name: 'X' });
    expect(denied.location.searchParams.get('code')).toBe('OAUTH_DENIED');
  });

  it('the fake refuses a wrong PKCE verifier, and the member sees the refusal', async () => {
    const verifierRow = async (): Promise<void> => {
      await t.dataSource.query(
        `UPDATE oauth_connection_states SET code_verifier_sealed = $1 WHERE workspace_id = $2 AND network = 'x'`,
        [t.app.get<SecretBox>(SECRET_BOX).seal('a-verifier-that-does-not-match-the-challenge-0123456789'), ws.id],
      );
    };
    const before = x.tokenRequests().length;
    const { location } = await dance(
      t,
      ws,
      ws.members.publisher,
      { network: 'x', brandId, channel: 'x', name: 'X' },
      verifierRow,
    );
    expect(location.searchParams.get('code')).toBe('OAUTH_REFUSED');
    expect(x.tokenRequests()).toHaveLength(before + 1);
    expect(s256('a-verifier-that-does-not-match-the-challenge-0123456789')).not.toBe(
      x.tokenRequests()[before].form.get('code_challenge'),
    );
  });

  it('the sweep refreshes expiring tokens (X rotates its refresh token); invalid_grant marks the channel needs_reconnect with the reason', async () => {
    const { location } = await dance(t, ws, ws.members.publisher, {
      network: 'x',
      brandId,
      channel: 'x',
      name: 'Bank on X',
    });
    const targetId = location.searchParams.get('channel')!;
    await t.dataSource.query(
      `UPDATE channel_targets SET token_expires_at = now() + interval '5 minutes' WHERE id = $1`,
      [targetId],
    );
    const connections = t.app.get(ChannelConnections);
    const swept = await connections.refreshDue();
    expect(swept.refreshed).toBeGreaterThanOrEqual(1);
    expect(x.tokenRequests().at(-1)!.form.get('grant_type')).toBe('refresh_token');
    const fresh = await connections.ensureFreshToken(targetId);
    expect(fresh.status).toBe('fresh');
    expect(x.accessTokens.has((fresh as { accessToken: string }).accessToken)).toBe(true);

    x.failNextTokenRequests(503);
    await t.dataSource.query(
      `UPDATE channel_targets SET token_expires_at = now() + interval '5 minutes' WHERE id = $1`,
      [targetId],
    );
    expect((await connections.refreshDue()).deferred).toBeGreaterThanOrEqual(1);
    expect((await channels()).find((c) => c.id === targetId)!.health.status).toBe('connected');

    x.revokeAllRefreshTokens();
    await connections.refreshDue();
    const health = (await channels()).find((c) => c.id === targetId)!.health;
    expect(health).toMatchObject({
      status: 'needs_reconnect',
      reason: 'invalid_grant: The refresh token is invalid or was revoked',
    });
    expect(await connections.ensureFreshToken(targetId)).toEqual({ status: 'needs_reconnect', reason: health.reason });

    const reconnected = await dance(t, ws, ws.members.publisher, {
      network: 'x',
      brandId,
      channel: 'x',
      name: 'Bank on X',
    });
    expect(reconnected.location.searchParams.get('channel')).toBe(targetId);
    expect((await channels()).find((c) => c.id === targetId)!.health.status).toBe('connected');
  });

  it('checks roles, input and configuration', async () => {
    const path = `/api/v1/workspaces/${ws.id}/channels/connect`;
    const body = { network: 'x', brandId, channel: 'x', name: 'X' };
    await request(t.http).post(path).set(auth(ws.members.marketer)).send(body).expect(403);
    await request(t.http).post(path).set(auth(ws.members.auditor)).send(body).expect(403);
    await request(t.http).post(path).send(body).expect(401);
    const bad = await request(t.http)
      .post(path)
      .set(auth(ws.members.publisher))
      .send({ network: 'myspace', brandId: 'nope', channel: 'x', name: '' })
      .expect(400);
    const fields = ((bad.body as { details: { field: string }[] }).details ?? []).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['network', 'brandId', 'name']));
    const mismatch = await request(t.http)
      .post(path)
      .set(auth(ws.members.publisher))
      .send({ ...body, channel: 'instagram' })
      .expect(422);
    expect((mismatch.body as { code: string }).code).toBe('CHANNEL_NETWORK_MISMATCH');
    await request(t.http)
      .post(path)
      .set(auth(ws.members.publisher))
      .send({ ...body, brandId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    const elsewhere = await createWorkspace(t, { admin: ['admin'] });
    await request(t.http)
      .post(`/api/v1/workspaces/${elsewhere.id}/channels/connect`)
      .set(auth(elsewhere.members.admin))
      .send(body)
      .expect(404);
    const unknown = await request(t.http).get('/api/v1/oauth/myspace/callback?code=a&state=b').expect(302);
    expect(new URL(unknown.headers.location).searchParams.get('code')).toBe('OAUTH_STATE_INVALID');
    // Hostile callbacks: no state, a huge one, repeated parameters, a
    // forged cookie; each ends on the channels page, none is a 500.
    for (const query of [
      '',
      '?code=a',
      `?code=a&state=${'s'.repeat(5000)}`,
      '?state=a&state=b&code=c',
      '?error=access_denied&state=zz',
    ]) {
      const res = await request(t.http)
        .get(`/api/v1/oauth/x/callback${query}`)
        .set('Cookie', 'preclear_oauth=../../etc; preclear_oauth=x')
        .expect(302);
      expect(new URL(res.headers.location).searchParams.get('connect')).toBe('error');
    }
    // A NUL byte is refused before the route (400), malformed
    // percent-encoding reads as an unknown state (302): never a 500.
    for (const query of ['?state=%00&code=a', '?state=%ff%fe']) {
      expect([400, 302]).toContain((await request(t.http).get(`/api/v1/oauth/x/callback${query}`)).status);
    }
    await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/channels/connections/not-a-uuid`)
      .set(auth(ws.members.publisher))
      .expect(404);
    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/channels/connections/00000000-0000-4000-8000-000000000000`)
      .set(auth(ws.members.publisher))
      .send({ accountId: 'x', extra: true })
      .expect(400);
  });
});
