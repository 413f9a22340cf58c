import request from 'supertest';
import { startOidcProvider, type OidcFault, type OidcTestProvider } from './support/oidc-provider';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

const PUBLIC_URL = 'http://preclear.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/sso/callback`;

/** The browser's part: from the start route through the provider's redirects back to the callback, by hand. */
async function signInWithSso(t: TestApp, slug: string, fault?: { provider: OidcTestProvider; kind: OidcFault }) {
  const start = await request(t.http).get('/api/v1/auth/sso/start').query({ workspace: slug }).expect(302);
  const browser = (start.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  const jar = new Map<string, string>();
  let url = start.headers.location;
  for (let hop = 0; hop < 10 && !url.startsWith(CALLBACK); hop++) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    url = new URL(res.headers.get('location') ?? '', url).href;
  }
  expect(url.startsWith(CALLBACK)).toBe(true);
  if (fault) await fault.provider.fault(fault.kind);
  const callback = new URL(url);
  const res = await request(t.http).get(`${callback.pathname}${callback.search}`).set('Cookie', browser).expect(302);
  return { res, callbackPath: `${callback.pathname}${callback.search}`, browser };
}

function sessionCookie(res: request.Response): string | undefined {
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('preclear_session=') && !c.startsWith('preclear_session=;'))?.split(';')[0];
}

describe('single sign-on (OpenID Connect)', () => {
  let t: TestApp;
  let op: OidcTestProvider;
  let ws: TestWorkspace;
  let slug: string;

  beforeAll(async () => {
    op = await startOidcProvider([CALLBACK]);
    t = await startTestApp({ PUBLIC_URL });
  });
  afterAll(async () => {
    await t?.close();
    await op?.close();
  });

  beforeEach(async () => {
    ws = await createWorkspace(t, { admin: ['admin'], other: ['marketer'] });
    slug = `bank-${ws.id.slice(0, 8)}`;
    await request(t.http)
      .put(`/api/v1/workspaces/${ws.id}/sso`)
      .set(auth(ws.members.admin))
      .send({
        slug,
        issuerUrl: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        allowedDomains: ['bank.example'],
        groupRoles: [
          { group: 'compliance', roles: ['reviewer'] },
          { group: 'marketing', roles: ['marketer'] },
        ],
        passwordSignIn: true,
      })
      .expect(200);
  });

  it('keeps the client secret out of every answer and refuses non-admins and keys', async () => {
    const got = await request(t.http).get(`/api/v1/workspaces/${ws.id}/sso`).set(auth(ws.members.admin)).expect(200);
    expect(got.body).toMatchObject({ slug, clientSecretSet: true, redirectUri: CALLBACK });
    expect(JSON.stringify(got.body)).not.toContain(op.clientSecret);
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/sso`).set(auth(ws.members.other)).expect(403);
    const audit = await t.dataSource.query(
      `SELECT data FROM audit_entries WHERE chain = $1 AND action = 'sso.configured'`,
      [ws.id],
    );
    expect(JSON.stringify(audit)).not.toContain(op.clientSecret);
  });

  it('signs a new member in, creating them from their groups, and opens a browser session', async () => {
    const email = `ann-${slug}@bank.example`;
    await op.signInAs({ sub: `ann-${slug}`, email, name: 'Ann', groups: ['compliance'] });
    const { res } = await signInWithSso(t, slug);
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    const session = await request(t.http).get('/api/v1/auth/session').set('Cookie', cookie!).expect(200);
    expect(session.body.user.email).toBe(email);
    expect(session.body.workspaces).toEqual([expect.objectContaining({ id: ws.id, roles: ['reviewer'] })]);
    const grants = await t.dataSource.query(
      `SELECT role FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = $1`,
      [email],
    );
    expect(grants).toEqual([{ role: 'reviewer' }]);
  });

  it('applies the group mapping at each sign-in: a role comes with its group and goes with it, audited', async () => {
    const email = `bob-${slug}@bank.example`;
    await op.signInAs({ sub: `bob-${slug}`, email, groups: ['compliance'] });
    await signInWithSso(t, slug);
    await op.signInAs({ sub: `bob-${slug}`, email, groups: ['marketing'] });
    const { res } = await signInWithSso(t, slug);
    const session = await request(t.http).get('/api/v1/auth/session').set('Cookie', sessionCookie(res)!).expect(200);
    expect(session.body.workspaces[0].roles).toEqual(['marketer']);
    const [change] = await t.dataSource.query(
      `SELECT data FROM audit_entries WHERE chain = $1 AND action = 'member.roles_changed'`,
      [ws.id],
    );
    expect(change.data).toMatchObject({
      added: ['marketer'],
      removed: ['reviewer'],
      source: 'sso',
      groups: ['marketing'],
    });
  });

  it.each<[OidcFault, string]>([
    ['signature', 'a tampered ID token'],
    ['audience', 'an ID token for another client'],
    ['expired', 'an expired ID token'],
    ['nonce', 'an ID token with another nonce'],
  ])('refuses %s (%s)', async (kind) => {
    await op.signInAs({
      sub: `eve-${kind}-${slug}`,
      email: `eve-${kind}-${slug}@bank.example`,
      groups: ['compliance'],
    });
    const { res } = await signInWithSso(t, slug, { provider: op, kind });
    expect(res.headers.location).toBe('/?ssoError=SSO_TOKEN_INVALID');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('refuses a replayed state, and a state from another browser', async () => {
    await op.signInAs({ sub: `cy-${slug}`, email: `cy-${slug}@bank.example`, groups: ['compliance'] });
    const { callbackPath, browser } = await signInWithSso(t, slug);
    const replay = await request(t.http).get(callbackPath).set('Cookie', browser).expect(302);
    expect(replay.headers.location).toBe('/?ssoError=SSO_STATE_INVALID');
    const start = await request(t.http).get('/api/v1/auth/sso/start').query({ workspace: slug }).expect(302);
    const state = new URL(start.headers.location).searchParams.get('state');
    const other = await request(t.http)
      .get('/api/v1/auth/sso/callback')
      .query({ code: 'x', state })
      .set('Cookie', 'preclear_sso=another-browser')
      .expect(302);
    expect(other.headers.location).toBe('/?ssoError=SSO_STATE_INVALID');
  });

  it('refuses an e-mail outside the allowed domains, and a person none of whose groups maps to a role', async () => {
    await op.signInAs({ sub: `out-${slug}`, email: `out-${slug}@elsewhere.example`, groups: ['compliance'] });
    expect((await signInWithSso(t, slug)).res.headers.location).toBe('/?ssoError=SSO_EMAIL_NOT_ALLOWED');
    await op.signInAs({ sub: `nog-${slug}`, email: `nog-${slug}@bank.example`, groups: ['cafeteria'] });
    expect((await signInWithSso(t, slug)).res.headers.location).toBe('/?ssoError=SSO_NO_ROLE');
  });

  it('refuses password sign-in when the workspace turns it off, while API keys keep working', async () => {
    const key = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/api-keys`)
      .set(auth(ws.members.admin))
      .send({ name: 'ci', roles: ['marketer'] })
      .expect(201);
    const config = await request(t.http).get(`/api/v1/workspaces/${ws.id}/sso`).set(auth(ws.members.admin)).expect(200);
    await request(t.http)
      .put(`/api/v1/workspaces/${ws.id}/sso`)
      .set(auth(ws.members.admin))
      .send({
        slug,
        issuerUrl: op.issuer,
        clientId: op.clientId,
        allowedDomains: ['bank.example'],
        groupRoles: config.body.groupRoles,
        passwordSignIn: false,
      })
      .expect(200);
    const refused = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: ws.members.other.email, password: 'test-password-123' })
      .expect(403);
    expect(refused.body.code).toBe('PASSWORD_SIGN_IN_DISABLED');
    await request(t.http)
      .post('/api/v1/auth/session')
      .send({ email: ws.members.other.email, password: 'test-password-123' })
      .expect(403);
    await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/members`)
      .set('Authorization', `Bearer ${key.body.key}`)
      .expect(200);
  });

  it('hides the settings from other workspaces, refuses API keys, and names every bad field', async () => {
    const other = await createWorkspace(t, { admin: ['admin'] });
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/sso`).set(auth(other.members.admin)).expect(404);
    const key = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/api-keys`)
      .set(auth(ws.members.admin))
      .send({ name: 'k', roles: ['admin'] })
      .expect(201);
    const keyed = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/sso`)
      .set('Authorization', `Bearer ${key.body.key}`)
      .expect(403);
    expect(keyed.body.code).toBe('API_KEY_NOT_ALLOWED');
    const bad = await request(t.http)
      .put(`/api/v1/workspaces/${ws.id}/sso`)
      .set(auth(ws.members.admin))
      .send({
        slug: 'Not A Slug',
        issuerUrl: 'ftp://x',
        clientId: '',
        allowedDomains: ['not a domain'],
        groupRoles: [{ group: 'g', roles: ['emperor'] }],
        passwordSignIn: 'no',
      })
      .expect(400);
    const fields = new Set(
      bad.body.details.map((d: { field: string }) => d.field.split('.')[0].replace(/\[\d+\]$/, '')),
    );
    expect([...fields].sort()).toEqual(
      expect.arrayContaining(['allowedDomains', 'clientId', 'groupRoles', 'issuerUrl', 'passwordSignIn', 'slug']),
    );
    const unknown = await request(t.http)
      .get('/api/v1/auth/sso/start')
      .query({ email: 'x@nowhere.example' })
      .expect(302);
    expect(unknown.headers.location).toBe('/?ssoError=SSO_NOT_CONFIGURED');
  });

  it('refuses an issuer in the private network that WEBHOOK_ALLOWED_HOSTS does not allow', async () => {
    const res = await request(t.http)
      .put(`/api/v1/workspaces/${ws.id}/sso`)
      .set(auth(ws.members.admin))
      .send({
        slug,
        issuerUrl: 'http://10.0.0.8/realms/x',
        clientId: 'c',
        allowedDomains: ['bank.example'],
        groupRoles: [],
        passwordSignIn: true,
      })
      .expect(422);
    expect(res.body.code).toBe('SSO_ISSUER_REFUSED');
  });
});
