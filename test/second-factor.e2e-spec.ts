import request from 'supertest';
import { totpCode } from '../src/identity/second-factor/totp';
import {
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';

const PASSWORD = 'test-password-123';

/**
 * Enrols a member's factor over HTTP with a real code computed from the secret; returns the secret and recovery codes.
 */
async function enrol(t: TestApp, member: TestMember): Promise<{ secret: string; recoveryCodes: string[] }> {
  const begun = await request(t.http).post('/api/v1/auth/second-factor/enrolment').set(auth(member)).expect(201);
  expect(begun.body.otpauthUri).toContain(`secret=${begun.body.secret}`);
  // The previous step's code: a later sign-in with the current step's code is then not a replay.
  const confirmed = await request(t.http)
    .post('/api/v1/auth/second-factor/enrolment/confirm')
    .set(auth(member))
    .send({ code: totpCode(begun.body.secret, Date.now() - 30000) })
    .expect(200);
  expect(confirmed.body.recoveryCodes).toHaveLength(10);
  return { secret: begun.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

describe('second factor (TOTP)', () => {
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_ACCOUNT_LIMIT: '4' });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    ws = await createWorkspace(t, { admin: ['admin'], admin2: ['admin'], ann: ['marketer'] });
  });

  it('turns password sign-in into a challenge answered with a code, and refuses the same code twice', async () => {
    const { secret } = await enrol(t, ws.members.ann);
    const first = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: ws.members.ann.email, password: PASSWORD })
      .expect(200);
    expect(first.body).toEqual({ secondFactorRequired: true, challengeToken: expect.any(String) });
    // The challenge is no login.
    await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/members`)
      .set('Authorization', `Bearer ${first.body.challengeToken}`)
      .expect(401);
    const code = totpCode(secret, Date.now());
    const done = await request(t.http)
      .post('/api/v1/auth/login/second-factor')
      .send({ challengeToken: first.body.challengeToken, code })
      .expect(200);
    await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/members`)
      .set('Authorization', `Bearer ${done.body.accessToken}`)
      .expect(200);
    const again = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: ws.members.ann.email, password: PASSWORD })
      .expect(200);
    await request(t.http)
      .post('/api/v1/auth/login/second-factor')
      .send({ challengeToken: again.body.challengeToken, code })
      .expect(401);
  });

  it('accepts a recovery code once, audited', async () => {
    const { recoveryCodes } = await enrol(t, ws.members.ann);
    for (const expected of [200, 401]) {
      const login = await request(t.http)
        .post('/api/v1/auth/session')
        .send({ email: ws.members.ann.email, password: PASSWORD })
        .expect(200);
      await request(t.http)
        .post('/api/v1/auth/session/second-factor')
        .send({ challengeToken: login.body.challengeToken, code: recoveryCodes[3].toUpperCase() })
        .expect(expected);
    }
    const rows = await t.dataSource.query(
      `SELECT action, data FROM audit_entries WHERE chain = $1 AND subject = $2 ORDER BY seq`,
      [ws.id, `user:${ws.members.ann.userId}`],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['second_factor.enrolled', 'second_factor.recovery_code_used']),
    );
  });

  it('limits wrong codes like failed logins', async () => {
    await enrol(t, ws.members.ann);
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: ws.members.ann.email, password: PASSWORD })
      .expect(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(t.http)
        .post('/api/v1/auth/login/second-factor')
        .send({ challengeToken: login.body.challengeToken, code: '000000' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('when the workspace requires it, a member without a factor may only enrol, then everything opens', async () => {
    await request(t.http)
      .put(`/api/v1/workspaces/${ws.id}/second-factor-policy`)
      .set(auth(ws.members.admin))
      .send({ secondFactorRequired: true })
      .expect(200);
    // Their earlier tokens were revoked when the rule came in.
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/members`).set(auth(ws.members.ann)).expect(401);
    const login = await request(t.http)
      .post('/api/v1/auth/session')
      .send({ email: ws.members.ann.email, password: PASSWORD })
      .expect(200);
    expect(login.body.mustEnrolSecondFactor).toBe(true);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const blocked = await request(t.http).get(`/api/v1/workspaces/${ws.id}/members`).set('Cookie', cookie).expect(403);
    expect(blocked.body.code).toBe('SECOND_FACTOR_REQUIRED');
    const csrf = { Cookie: cookie, 'X-CSRF-Token': login.body.csrfToken };
    const begun = await request(t.http).post('/api/v1/auth/second-factor/enrolment').set(csrf).expect(201);
    await request(t.http)
      .post('/api/v1/auth/second-factor/enrolment/confirm')
      .set(csrf)
      .send({ code: totpCode(begun.body.secret, Date.now()) })
      .expect(200);
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/members`).set('Cookie', cookie).expect(200);
  });

  it('resets a factor only with a second admin', async () => {
    await enrol(t, ws.members.ann);
    const asked = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/members/${ws.members.ann.userId}/second-factor-reset`)
      .set(auth(ws.members.admin))
      .expect(201);
    const same = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/second-factor-resets/${asked.body.id}/confirm`)
      .set(auth(ws.members.admin))
      .expect(403);
    expect(same.body.code).toBe('SECOND_ADMIN_REQUIRED');
    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/second-factor-resets/${asked.body.id}/confirm`)
      .set(auth(ws.members.ann))
      .expect(403);
    await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/second-factor-resets/${asked.body.id}/confirm`)
      .set(auth(ws.members.admin2))
      .expect(200);
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: ws.members.ann.email, password: PASSWORD })
      .expect(200);
    expect(login.body.accessToken).toEqual(expect.any(String));
    const other = await createWorkspace(t, { admin: ['admin'] });
    await request(t.http)
      .post(`/api/v1/workspaces/${other.id}/second-factor-resets/${asked.body.id}/confirm`)
      .set(auth(other.members.admin))
      .expect(404);
    const actions = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE chain = $1 AND action LIKE 'second_factor.reset%' ORDER BY seq`,
      [ws.id],
    );
    expect(actions).toEqual([{ action: 'second_factor.reset_requested' }, { action: 'second_factor.reset' }]);
  });
});
