import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';
import { RedisServer } from './support/redis-server';
import { testQueuePrefix } from './support/test-env';

const PASSWORD = 'test-password-123';
const STRONG = 'quiet-lantern-meadow-41';

/** Each app gets its own login budgets (a Redis key prefix), so no other test's failures count. */
const ownPrefix = (): string => `${testQueuePrefix()}-signin-${randomBytes(4).toString('hex')}`;

interface AuditRow {
  action: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
}

describe('Sign-in limits, logout and password changes (e2e)', () => {
  const login = (app: TestApp, email: string, password: string, from?: string): request.Test => {
    const req = request(app.http).post('/api/v1/auth/login');
    return (from ? req.set('X-Forwarded-For', from) : req).send({ email, password });
  };
  const statuses = async (attempts: (() => request.Test)[]): Promise<number[]> => {
    const out: number[] = [];
    for (const attempt of attempts) out.push((await attempt()).status);
    return out;
  };
  const systemEntries = (t: TestApp, actor: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, actor, subject, data FROM audit_entries WHERE chain = 'system' AND actor = $1 ORDER BY seq`,
      [actor],
    );
  const workspaceEntries = (t: TestApp, workspaceId: string, action: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, actor, subject, data FROM audit_entries WHERE chain = $1 AND action = $2 ORDER BY seq`,
      [workspaceId, action],
    );

  describe('with TRUST_PROXY off (the default)', () => {
    let t: TestApp;
    let ws: TestWorkspace;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_ADDRESS_LIMIT: '5', LOGIN_ACCOUNT_LIMIT: '50', QUEUE_PREFIX: ownPrefix() });
      ws = await createWorkspace(t, { user: ['marketer'] });
    });
    afterAll(() => t.close());

    it('ignores X-Forwarded-For: twenty-five e-mails from one address, each claiming a new address, are stopped after the address limit', async () => {
      const spray = Array.from(
        { length: 25 },
        (_, i) => () =>
          login(
            t,
            `spray-${i}-${randomBytes(3).toString('hex')}@nowhere.test`,
            'guess-guess-guess',
            `198.18.0.${i + 1}`,
          ),
      );
      const result = await statuses(spray);
      expect(result.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(result.slice(5))).toEqual(new Set([429]));
      const limited = await login(t, ws.members.user.email, PASSWORD).expect(429);
      expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
    let t: TestApp;
    let second: TestApp;
    let ws: TestWorkspace;
    beforeAll(async () => {
      const env = {
        TRUST_PROXY: 'loopback',
        LOGIN_ADDRESS_LIMIT: '5',
        LOGIN_ACCOUNT_LIMIT: '3',
        QUEUE_PREFIX: ownPrefix(),
      };
      t = await startTestApp(env);
      second = await startTestApp(env);
      ws = await createWorkspace(t, {
        target: ['reviewer'],
        bystander: ['marketer'],
        often: ['marketer'],
        auditor: ['auditor'],
      });
    });
    afterAll(async () => {
      await second.close();
      await t.close();
    });

    it('stops a spray of unknown e-mails from one client without touching a real login from another, and audits it once, not per attempt', async () => {
      const spray = Array.from(
        { length: 25 },
        (_, i) => () =>
          login(
            i % 2 ? t : second,
            `nobody-${i}-${randomBytes(3).toString('hex')}@nowhere.test`,
            'guess-guess-guess',
            '203.0.113.7',
          ),
      );
      const result = await statuses(spray);
      expect(result.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(result.slice(5))).toEqual(new Set([429]));
      // Refused before any password is checked: no argon2 work is spent on the rest of the spray.
      await login(t, ws.members.bystander.email, PASSWORD, '198.51.100.20').expect(200);

      const rows = await systemEntries(t, 'anonymous:203.0.113.7');
      expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login_limited']);
      expect(rows[1].data).toMatchObject({ scope: 'address', attempts: 5 });
    });

    it('limits one account across addresses, and writes one failure and one limit entry to its workspace', async () => {
      const target = ws.members.target;
      const before = (await workspaceEntries(t, ws.id, 'auth.login_failed')).length;
      const guesses = Array.from(
        { length: 6 },
        (_, i) => () => login(i % 2 ? t : second, target.email, `wrong-guess-${i}`, `192.0.2.${10 + i}`),
      );
      expect(await statuses(guesses)).toEqual([401, 401, 401, 429, 429, 429]);
      // Locked for this window even with the right password, from a fresh address.
      await login(t, target.email, PASSWORD, '192.0.2.99').expect(429);
      const failed = await workspaceEntries(t, ws.id, 'auth.login_failed');
      expect(failed.length - before).toBe(1);
      expect(failed[failed.length - 1]).toMatchObject({
        subject: `user:${target.userId}`,
        data: { email: target.email },
      });
      const limited = await workspaceEntries(t, ws.id, 'auth.login_limited');
      expect(limited.map((r) => r.data)).toEqual([
        expect.objectContaining({ scope: 'account', attempts: 3, email: target.email }),
      ]);
      // The account's auditors see it; nothing of the guesses themselves is kept.
      expect(JSON.stringify([...failed, ...limited])).not.toContain('wrong-guess');
    });

    it('lets successful logins through however many there are: only failures spend the budgets', async () => {
      const logins = Array.from(
        { length: 12 },
        () => () => login(t, ws.members.often.email, PASSWORD, '198.51.100.77'),
      );
      expect(new Set(await statuses(logins))).toEqual(new Set([200]));
    });
  });

  it('lets logins through when Redis is down (fails open) and limits again when it is back', async () => {
    const redis = await RedisServer.start();
    const t = await startTestApp({ REDIS_URL: redis.url, LOGIN_ACCOUNT_LIMIT: '2', QUEUE_PREFIX: ownPrefix() });
    try {
      const ws = await createWorkspace(t, { user: ['marketer'] });
      const email = ws.members.user.email;
      await redis.kill();
      await login(t, email, PASSWORD).expect(200);
      expect(await statuses(Array.from({ length: 4 }, () => () => login(t, email, 'wrong-wrong-wrong')))).toEqual([
        401, 401, 401, 401,
      ]);
    } finally {
      await t.close();
      await redis.kill();
    }
  });

  describe('logout and password change', () => {
    let t: TestApp;
    let t2: TestApp;
    let ws: TestWorkspace;
    const reLogin = async (member: TestMember, password: string): Promise<TestMember> => {
      const res = await login(t, member.email, password).expect(200);
      return { ...member, token: res.body.accessToken };
    };
    beforeAll(async () => {
      const env = { QUEUE_PREFIX: ownPrefix() };
      t = await startTestApp(env);
      t2 = await startTestApp(env);
      ws = await createWorkspace(t, { leaver: ['reviewer'], changer: ['marketer'], auditor: ['auditor'] });
    });
    afterAll(async () => {
      await t2.close();
      await t.close();
    });

    it('logout revokes every token of the caller at once, on every instance; a new login works', async () => {
      const leaver = ws.members.leaver;
      const other = await reLogin(leaver, PASSWORD);
      await request(t2.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(other)).expect(200);
      await request(t.http).post('/api/v1/auth/logout').set(auth(leaver)).expect(204);
      for (const app of [t, t2]) {
        for (const token of [leaver, other]) {
          const res = await request(app.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(token)).expect(401);
          expect(res.body.code).toBe('UNAUTHORIZED');
        }
      }
      await request(t.http).post('/api/v1/auth/logout').set(auth(leaver)).expect(401);
      const fresh = await reLogin(leaver, PASSWORD);
      await request(t2.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(fresh)).expect(200);
      const entries = await workspaceEntries(t, ws.id, 'auth.tokens_revoked');
      expect(entries.map((e) => e.subject)).toEqual([`user:${leaver.userId}`]);
    });

    it('changes the password only with the current one and only to a strong one, signing out every other token', async () => {
      const changer = ws.members.changer;
      const elsewhere = await reLogin(changer, PASSWORD);
      const change = (body: Record<string, unknown>, as: TestMember = changer): request.Test =>
        request(t.http).post('/api/v1/auth/password').set(auth(as)).send(body);

      expect((await change({ currentPassword: 'not-my-password', newPassword: STRONG }).expect(403)).body.code).toBe(
        'WRONG_PASSWORD',
      );
      const short = await change({ currentPassword: PASSWORD, newPassword: '        ' }).expect(400);
      expect(short.body.details.map((d: { field: string }) => d.field)).toEqual(['newPassword']);
      for (const [newPassword, reason] of [
        ['123456789012', 'common'],
        ['password1234!', 'common'],
        [`${changer.email.split('@')[0]}-2026`, 'contextDerived'],
      ]) {
        const res = await change({ currentPassword: PASSWORD, newPassword }).expect(422);
        expect([newPassword, res.body.code, res.body.details[0].constraints.strength]).toEqual([
          newPassword,
          'WEAK_PASSWORD',
          reason,
        ]);
      }
      await change({ currentPassword: PASSWORD, newPassword: STRONG, isAdmin: true }).expect(400);

      const changed = await change({ currentPassword: PASSWORD, newPassword: STRONG }).expect(200);
      expect(changed.body).toMatchObject({ accessToken: expect.any(String), user: { id: changer.userId } });
      for (const stale of [changer, elsewhere]) {
        await request(t2.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(stale)).expect(401);
      }
      await request(t2.http)
        .get(`/api/v1/workspaces/${ws.id}/brands`)
        .set({ Authorization: `Bearer ${changed.body.accessToken}` })
        .expect(200);
      await login(t, changer.email, PASSWORD).expect(401);
      await login(t, changer.email, STRONG).expect(200);

      const audit = await workspaceEntries(t, ws.id, 'auth.password_changed');
      expect(audit).toEqual([
        expect.objectContaining({ subject: `user:${changer.userId}`, actor: `user:${changer.userId}` }),
      ]);
      const hash = (await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [changer.userId]))[0]
        .password_hash as string;
      expect(hash).toMatch(/^\$argon2id\$/);
      const everything = JSON.stringify(
        await t.dataSource.query(`SELECT data FROM audit_entries WHERE chain = $1`, [ws.id]),
      );
      expect(everything).not.toContain(STRONG);
    });
  });
});
