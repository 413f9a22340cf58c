import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { testQueuePrefix } from './support/test-env';

describe('Identity, roles and workspace isolation (e2e)', () => {
  // Its own login budgets: other files' failed logins from 127.0.0.1 must not count here.
  const loginPrefix = `${testQueuePrefix()}-identity-${randomBytes(3).toString('hex')}`;
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let brandId: string;
  let postId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_ACCOUNT_LIMIT: '5', QUEUE_PREFIX: loginPrefix });
    ws = await createWorkspace(t, ALL_ROLES);
    other = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    brandId = (await createBrand(t, ws.id, ws.members.admin)).id;
    postId = (await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId))).id;
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('returns a token, the user and the workspaces with roles', async () => {
      const res = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: ws.members.principal.email, password: 'test-password-123' })
        .expect(200);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.user).toMatchObject({ id: ws.members.principal.userId, email: ws.members.principal.email });
      expect(res.body.workspaces).toEqual([{ id: ws.id, name: ws.name, roles: ['principal'] }]);
    });

    it('refuses a wrong password with 401 and records the failure in the audit trail', async () => {
      const res = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: ws.members.auditor.email, password: 'wrong-password' })
        .expect(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
      const audit = await request(t.http)
        .get(`/api/v1/workspaces/${ws.id}/audit`)
        .set(auth(ws.members.auditor))
        .expect(200);
      expect(audit.body.items.some((e: { action: string }) => e.action === 'auth.login_failed')).toBe(true);
    });

    it('rate-limits repeated failed attempts for one e-mail', async () => {
      const email = `nobody-${Date.now()}@test.preclear`;
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push(
          (await request(t.http).post('/api/v1/auth/login').send({ email, password: 'guess-guess' })).status,
        );
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });

    it('shares the count between instances, so a second instance gives no extra attempts', async () => {
      const second = await startTestApp({ LOGIN_ACCOUNT_LIMIT: '5', QUEUE_PREFIX: loginPrefix });
      try {
        const email = `shared-${Date.now()}@test.preclear`;
        const attempt = (app: TestApp): Promise<number> =>
          request(app.http)
            .post('/api/v1/auth/login')
            .send({ email, password: 'guess-guess' })
            .then((res) => res.status);
        const statuses = [
          await attempt(t),
          await attempt(second),
          await attempt(t),
          await attempt(second),
          await attempt(t),
          await attempt(second),
        ];
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      } finally {
        await second.close();
      }
    });

    it('answers 401 without a token and with a forged one', async () => {
      await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).expect(401);
      await request(t.http)
        .get(`/api/v1/workspaces/${ws.id}/brands`)
        .set('Authorization', 'Bearer not.a.jwt')
        .expect(401);
    });
  });

  describe('API keys', () => {
    it('shows the key once, stores only its hash, authenticates with its roles, and stops after revocation', async () => {
      const created = await request(t.http)
        .post(`/api/v1/workspaces/${ws.id}/api-keys`)
        .set(auth(ws.members.admin))
        .send({ name: 'CMS', roles: ['marketer'] })
        .expect(201);
      const key: string = created.body.key;
      expect(key).toMatch(/^pck_/);
      const stored = await t.dataSource.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.body.id]);
      expect(stored[0].key_hash).not.toContain(key.slice(4));
      const listed = await request(t.http)
        .get(`/api/v1/workspaces/${ws.id}/api-keys`)
        .set(auth(ws.members.admin))
        .expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(key);

      const asKey = { Authorization: `Bearer ${key}` };
      await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(asKey).expect(200);
      await request(t.http)
        .post(`/api/v1/workspaces/${ws.id}/brands`)
        .set(asKey)
        .send({ name: 'x', legalName: 'x' })
        .expect(403);
      // A key of one workspace sees no other workspace.
      await request(t.http).get(`/api/v1/workspaces/${other.id}/brands`).set(asKey).expect(404);

      await request(t.http)
        .delete(`/api/v1/workspaces/${ws.id}/api-keys/${created.body.id}`)
        .set(auth(ws.members.admin))
        .expect(204);
      await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(asKey).expect(401);
      const audit = await request(t.http)
        .get(`/api/v1/workspaces/${ws.id}/audit`)
        .set(auth(ws.members.auditor))
        .expect(200);
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['apikey.created', 'apikey.revoked']));
    });
  });

  describe('roles on every route', () => {
    // Route -> the roles that may use it. Every other role must get 403.
    const routes: {
      method: 'get' | 'post' | 'patch' | 'delete';
      path: () => string;
      body?: () => Record<string, unknown>;
      allowed: string[];
    }[] = [
      {
        method: 'post',
        path: () => `/api/v1/workspaces/${ws.id}/members`,
        body: () => ({ email: `m-${Math.random()}@x.test`, name: 'M', roles: ['auditor'] }),
        allowed: ['admin'],
      },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/members`, allowed: Object.keys(ALL_ROLES) },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/invitations`, allowed: ['admin'] },
      {
        method: 'post',
        path: () => `/api/v1/workspaces/${ws.id}/api-keys`,
        body: () => ({ name: 'k', roles: ['auditor'] }),
        allowed: ['admin'],
      },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/api-keys`, allowed: ['admin'] },
      {
        method: 'post',
        path: () => `/api/v1/workspaces/${ws.id}/brands`,
        body: () => ({ name: 'B', legalName: 'B AG' }),
        allowed: ['admin'],
      },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/brands`, allowed: Object.keys(ALL_ROLES) },
      {
        method: 'patch',
        path: () => `/api/v1/workspaces/${ws.id}/brands/${brandId}`,
        body: () => ({ name: 'Test Bank' }),
        allowed: ['admin'],
      },
      {
        method: 'post',
        path: () => `/api/v1/workspaces/${ws.id}/campaigns`,
        body: () => ({ name: 'C', brandId, startsOn: '2027-01-01', endsOn: '2027-01-31' }),
        allowed: ['admin', 'marketer'],
      },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/campaigns`, allowed: Object.keys(ALL_ROLES) },
      {
        method: 'post',
        path: () => `/api/v1/workspaces/${ws.id}/posts`,
        body: () => germanCreditPost(brandId),
        allowed: ['admin', 'marketer'],
      },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/posts/${postId}`, allowed: Object.keys(ALL_ROLES) },
      {
        method: 'get',
        path: () => `/api/v1/workspaces/${ws.id}/posts/${postId}/revisions`,
        allowed: Object.keys(ALL_ROLES),
      },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/calendar`, allowed: Object.keys(ALL_ROLES) },
      {
        method: 'get',
        path: () => `/api/v1/workspaces/${ws.id}/audit`,
        allowed: ['admin', 'auditor', 'reviewer', 'legal', 'principal'],
      },
      { method: 'get', path: () => `/api/v1/workspaces/${ws.id}/audit/verify`, allowed: ['admin', 'auditor'] },
    ];

    for (const route of routes) {
      for (const member of Object.keys(ALL_ROLES)) {
        const allowed = route.allowed.includes(member);
        it(`${route.method.toUpperCase()} ${route.path.toString().match(/}(\/[^`]*)`/)?.[1] ?? ''} as ${member} -> ${allowed ? 'allowed' : '403'}`, async () => {
          const req = request(t.http)[route.method](route.path()).set(auth(ws.members[member]));
          const res = route.body ? await req.send(route.body()) : await req;
          if (allowed) expect([200, 201, 204]).toContain(res.status);
          else expect(res.status).toBe(403);
          if (!allowed) expect(res.body.code).toBe('FORBIDDEN_ROLE');
        });
      }
    }
  });

  describe('workspace isolation', () => {
    it('answers 404 for another workspace and for its resources, never 403 or data', async () => {
      const outsider = other.members.admin;
      for (const path of [
        `/brands`,
        `/brands/${brandId}`,
        `/posts/${postId}`,
        `/posts/${postId}/revisions`,
        `/calendar`,
        `/audit`,
      ]) {
        const res = await request(t.http).get(`/api/v1/workspaces/${ws.id}${path}`).set(auth(outsider));
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('Test Bank');
      }
      // Its own workspace, another's ids: still 404.
      await request(t.http).get(`/api/v1/workspaces/${other.id}/posts/${postId}`).set(auth(outsider)).expect(404);
      await request(t.http).get(`/api/v1/workspaces/${other.id}/brands/${brandId}`).set(auth(outsider)).expect(404);
      const crossBrand = await request(t.http)
        .post(`/api/v1/workspaces/${other.id}/posts`)
        .set(auth(other.members.marketer))
        .send(germanCreditPost(brandId));
      expect(crossBrand.status).toBe(404);
    });

    it('lets only an admin open a workspace, and makes them its admin', async () => {
      await request(t.http)
        .post('/api/v1/workspaces')
        .set(auth(ws.members.marketer))
        .send({ name: 'Nope' })
        .expect(403);
      const created = await request(t.http)
        .post('/api/v1/workspaces')
        .set(auth(ws.members.admin))
        .send({ name: 'Second desk' })
        .expect(201);
      await request(t.http)
        .get(`/api/v1/workspaces/${created.body.id}/members`)
        .set(auth(ws.members.admin))
        .expect(200);
    });
  });
});
