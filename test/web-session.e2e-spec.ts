import request from 'supertest';
import { createBrand } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

const PASSWORD = 'test-password-123';

function sessionCookie(res: request.Response): string {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((c) => c.startsWith('preclear_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return cookie;
}

describe('Browser sessions: cookie and CSRF (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    other = await createWorkspace(t, { admin: ['admin'] });
    const res = await request(t.http)
      .post('/api/v1/auth/session')
      .send({ email: ws.members.admin.email, password: PASSWORD })
      .expect(200);
    cookie = sessionCookie(res).split(';')[0];
    csrf = res.body.csrfToken;
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly, SameSite=Strict cookie and never puts the token in the body', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/session')
      .send({ email: ws.members.marketer.email, password: PASSWORD })
      .expect(200);
    const set = sessionCookie(res);
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\//);
    expect(set).not.toMatch(/Secure/); // only in production, where the site is served over HTTPS
    expect(res.body).toEqual({
      user: { id: ws.members.marketer.userId, email: ws.members.marketer.email, name: 'marketer' },
      workspaces: [{ id: ws.id, name: ws.name, roles: ['marketer'] }],
      csrfToken: expect.any(String),
      mustEnrolSecondFactor: false,
    });
    expect(JSON.stringify(res.body)).not.toContain(set.split(';')[0].split('=')[1]);
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/session')
      .send({ email: ws.members.admin.email, password: 'wrong-password' })
      .expect(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses malformed sign-in input with 400 naming the fields', async () => {
    const res = await request(t.http).post('/api/v1/auth/session').send({ email: 'not-an-email' }).expect(400);
    const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(['email', 'password']);
  });

  it('describes the session from its cookie, with the same CSRF token', async () => {
    const res = await request(t.http).get('/api/v1/auth/session').set('Cookie', cookie).expect(200);
    expect(res.body.user.id).toBe(ws.members.admin.userId);
    expect(res.body.csrfToken).toBe(csrf);
    await request(t.http).get('/api/v1/auth/session').expect(401);
    await request(t.http).get('/api/v1/auth/session').set('Cookie', 'preclear_session=forged.token.value').expect(401);
  });

  it('authenticates reads by cookie without a CSRF token', async () => {
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set('Cookie', cookie).expect(200);
  });

  it('refuses an unsafe request by cookie without the CSRF token, or with a wrong one, and changes nothing', async () => {
    const body = { name: 'CSRF Bank', legalName: 'CSRF Bank AG', profile: {} };
    const missing = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/brands`)
      .set('Cookie', cookie)
      .send(body)
      .expect(403);
    expect(missing.body.code).toBe('CSRF_FAILED');
    const wrong = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/brands`)
      .set('Cookie', cookie)
      .set('X-CSRF-Token', `${csrf}x`)
      .send(body)
      .expect(403);
    expect(wrong.body.code).toBe('CSRF_FAILED');
    const brands = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/brands`)
      .set(auth(ws.members.admin))
      .expect(200);
    expect(JSON.stringify(brands.body)).not.toContain('CSRF Bank');
  });

  it('refuses the CSRF token of another session', async () => {
    const res = await request(t.http)
      .post('/api/v1/auth/session')
      .send({ email: ws.members.marketer.email, password: PASSWORD })
      .expect(200);
    const marketerCsrf = res.body.csrfToken as string;
    expect(marketerCsrf).not.toBe(csrf);
    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/brands`)
      .set('Cookie', cookie)
      .set('X-CSRF-Token', marketerCsrf)
      .send({ name: 'X', legalName: 'X AG', profile: {} })
      .expect(403);
  });

  it('accepts an unsafe request by cookie with the CSRF token', async () => {
    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/brands`)
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ name: 'Cookie Bank', legalName: 'Cookie Bank AG', profile: {} })
      .expect(201);
  });

  it('keeps bearer tokens working without any CSRF token, and prefers them over a cookie', async () => {
    await createBrand(t, ws.id, ws.members.admin, { name: 'Bearer Bank' });
    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/brands`)
      .set(auth(ws.members.admin))
      .set('Cookie', 'preclear_session=garbage')
      .send({ name: 'Both Bank', legalName: 'Both AG', profile: {} })
      .expect(201);
  });

  it("answers 404 for another workspace's resources by cookie too", async () => {
    await request(t.http).get(`/api/v1/workspaces/${other.id}/brands`).set('Cookie', cookie).expect(404);
  });

  it('signs out by clearing the cookie and revoking its token, so a copy of the cookie no longer works', async () => {
    const res = await request(t.http).delete('/api/v1/auth/session').set('Cookie', cookie).expect(204);
    expect(sessionCookie(res)).toMatch(/^preclear_session=; .*Max-Age=0/);
    await request(t.http).get('/api/v1/auth/session').set('Cookie', cookie).expect(401);
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set('Cookie', cookie).expect(401);
    await request(t.http).delete('/api/v1/auth/session').expect(204);
  });
});

describe('Browser sessions in production (e2e)', () => {
  it('marks the cookie Secure', async () => {
    const t = await startTestApp({
      NODE_ENV: 'production',
      CHANNEL_SECRETS_KEY: 'channel-secrets-key-channel-secrets-key-01',
      AUDIT_SIGNING_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    try {
      const ws = await createWorkspace(t, { admin: ['admin'] });
      const res = await request(t.http)
        .post('/api/v1/auth/session')
        .send({ email: ws.members.admin.email, password: PASSWORD })
        .expect(200);
      expect(sessionCookie(res)).toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });
});
