import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createBrand, createPost } from './support/fixtures';
import {
  ALL_ROLES,
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';
import { testQueuePrefix } from './support/test-env';
import { US_BROKER_PROFILE, usBrokeragePost } from './support/workflow-fixtures';

const STRONG = 'violet-harbour-cactus-97';

describe('Members, invitations and role grants (e2e)', () => {
  const env = {
    PUBLIC_URL: 'https://preclear.test',
    QUEUE_PREFIX: `${testQueuePrefix()}-members-${randomBytes(3).toString('hex')}`,
  };
  let t: TestApp;
  /** A second instance on the same database: what one revokes, the other must refuse at once. */
  let t2: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const base = (id = ws.id): string => `/api/v1/workspaces/${id}`;
  const admin = (): TestMember => ws.members.admin;
  const invite = (body: Record<string, unknown>, as: TestMember = admin(), id = ws.id): request.Test =>
    request(t.http)
      .post(`${base(id)}/members`)
      .set(auth(as))
      .send(body);
  const accept = (body: Record<string, unknown>, app: TestApp = t): request.Test =>
    request(app.http).post('/api/v1/invitations/accept').send(body);
  const newEmail = (): string => `invitee-${randomBytes(4).toString('hex')}@bank.example`;
  const auditActions = async (
    workspaceId: string,
  ): Promise<{ action: string; subject: string; actor: string; data: Record<string, unknown> }[]> => {
    const res = await request(t.http)
      .get(`${base(workspaceId)}/audit?limit=500`)
      .set(auth(ws.members.auditor))
      .expect(200);
    return res.body.items;
  };

  beforeAll(async () => {
    t = await startTestApp(env);
    t2 = await startTestApp(env);
    ws = await createWorkspace(t, { ...ALL_ROLES, departing: ['reviewer'], promoted: ['publisher'] });
    other = await createWorkspace(t, { admin: ['admin'], auditor: ['auditor'] });
  });
  afterAll(async () => {
    await t2.close();
    await t.close();
  });

  describe('invitations', () => {
    it('invites a new person: token and link shown once, stored hashed, no account until accepted; the invitee sets their own password', async () => {
      const email = newEmail();
      const res = await invite({ email, name: 'Rita Reviewer', roles: ['reviewer'] }).expect(201);
      const token: string = res.body.token;
      expect(token).toMatch(/^pci_[\w-]{40,}$/);
      expect(res.body).toEqual({
        invitation: {
          id: expect.any(String),
          email,
          roles: ['reviewer'],
          expiresAt: expect.any(String),
          createdAt: expect.any(String),
          status: 'pending',
        },
        token,
        acceptUrl: `https://preclear.test/accept-invitation#token=${token}`,
        // No SMTP_URL here: the admin passes the link on.
        emailed: false,
      });
      const stored = await t.dataSource.query('SELECT token_hash FROM invitations WHERE id = $1', [
        res.body.invitation.id,
      ]);
      expect(stored[0].token_hash).not.toContain(token.slice(4, 20));
      expect(await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email])).toEqual([]);
      const listed = await request(t.http).get(`${base()}/invitations`).set(auth(admin())).expect(200);
      expect(listed.body.find((i: { id: string }) => i.id === res.body.invitation.id)).toMatchObject({
        status: 'pending',
        email,
      });
      expect(JSON.stringify(listed.body)).not.toContain(token);

      // A new account needs a name (the inviter's suggestion is used) and a password of its own, and a strong one.
      const missing = await accept({ token }).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['password']);
      const short = await accept({ token, password: '12345678' }).expect(422);
      expect(short.body).toMatchObject({
        code: 'WEAK_PASSWORD',
        details: [{ field: 'password', constraints: { strength: 'tooShort' } }],
      });
      const own = await accept({ token, password: `${email.split('@')[0]}!` }).expect(422);
      expect(own.body.details[0].constraints.strength).toBe('contextDerived');
      const workspaceName = await accept({ token, password: `${ws.name.replace(' ', '')}-2026` }).expect(422);
      expect(workspaceName.body.details[0].constraints.strength).toBe('contextDerived');
      const common = await accept({ token, password: 'password1234' }).expect(422);
      expect(common.body.details[0].constraints.strength).toBe('common');

      const joined = await accept({ token, password: STRONG }).expect(200);
      expect(joined.body).toMatchObject({
        accessToken: expect.any(String),
        user: { email, name: 'Rita Reviewer' },
        workspaces: [{ id: ws.id, roles: ['reviewer'] }],
      });
      await request(t.http).post('/api/v1/auth/login').send({ email, password: STRONG }).expect(200);

      // Single use.
      const again = await accept({ token, password: STRONG }).expect(422);
      expect(again.body.code).toBe('INVITATION_INVALID');
      const members = await request(t.http).get(`${base()}/members`).set(auth(ws.members.marketer)).expect(200);
      expect(members.body.nextCursor).toBeNull();
      expect(members.body.items).toContainEqual({
        userId: joined.body.user.id,
        name: 'Rita Reviewer',
        email,
        roles: ['reviewer'],
        joinedAt: expect.any(String),
      });

      const audit = await auditActions(ws.id);
      expect(
        audit.find((e) => e.action === 'invitation.created' && e.subject === `invitation:${res.body.invitation.id}`)
          ?.data,
      ).toMatchObject({
        email,
        roles: ['reviewer'],
      });
      expect(
        audit.find((e) => e.action === 'member.joined' && e.subject === `user:${joined.body.user.id}`)?.data,
      ).toMatchObject({
        roles: ['reviewer'],
        grantedBy: admin().userId,
      });
      expect(JSON.stringify(audit)).not.toContain(token);
    });

    it('never lets an admin set a password for someone else', async () => {
      const res = await invite({
        email: newEmail(),
        name: 'X',
        password: 'violet-harbour-cactus-98',
        roles: ['auditor'],
      }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['password']);
    });

    it('tells another workspace nothing about an existing user, who joins only by proving it is them', async () => {
      const target = ws.members.publisher;
      const known = await invite({ email: target.email, roles: ['admin'] }, other.members.admin, other.id).expect(201);
      const unknown = await invite({ email: newEmail(), roles: ['admin'] }, other.members.admin, other.id).expect(201);
      // The same answer either way, and nothing of the person behind the address.
      expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
      expect(Object.keys(known.body.invitation).sort()).toEqual(Object.keys(unknown.body.invitation).sort());
      expect(JSON.stringify(known.body)).not.toContain(target.userId);
      const listed = await request(t.http)
        .get(`${base(other.id)}/invitations`)
        .set(auth(other.members.admin))
        .expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(target.userId);
      // Until accepted, the workspace is not in the user's login and the user is not among its members.
      const login = await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: target.email, password: 'test-password-123' })
        .expect(200);
      expect(login.body.workspaces.map((w: { id: string }) => w.id)).toEqual([ws.id]);
      const otherMembers = await request(t.http)
        .get(`${base(other.id)}/members`)
        .set(auth(other.members.auditor))
        .expect(200);
      expect(JSON.stringify(otherMembers.body)).not.toContain(target.userId);

      const token: string = known.body.token;
      const anonymous = await accept({ token }).expect(401);
      expect(anonymous.body.code).toBe('UNAUTHORIZED');
      await accept({ token, password: 'not-the-password-at-all' }).expect(401);
      const someoneElse = await accept({ token }).set(auth(ws.members.marketer)).expect(403);
      expect(someoneElse.body.code).toBe('INVITATION_OTHER_ACCOUNT');
      // Nothing was changed by the refusals: the password stays the one the user chose.
      await request(t.http)
        .post('/api/v1/auth/login')
        .send({ email: target.email, password: 'test-password-123' })
        .expect(200);

      const joined = await accept({ token, name: 'Ignored For Existing' }).set(auth(target)).expect(200);
      expect(joined.body.user).toMatchObject({ id: target.userId, email: target.email });
      expect(joined.body.workspaces.map((w: { id: string }) => w.id).sort()).toEqual([ws.id, other.id].sort());
      await request(t.http)
        .delete(`${base(other.id)}/members/${target.userId}`)
        .set(auth(other.members.admin))
        .expect(204);
    });

    it('lets an existing user accept with their password instead of a sign-in', async () => {
      const target = ws.members.legal;
      const inv = await invite({ email: target.email, roles: ['auditor'] }, other.members.admin, other.id).expect(201);
      const joined = await accept({ token: inv.body.token, password: 'test-password-123' }).expect(200);
      expect(joined.body.workspaces).toContainEqual({ id: other.id, name: other.name, roles: ['auditor'] });
      await request(t.http)
        .delete(`${base(other.id)}/members/${target.userId}`)
        .set(auth(other.members.admin))
        .expect(204);
    });

    it('creates one account when two invitations of a new address are accepted at the same moment on two instances', async () => {
      const email = newEmail();
      const here = await invite({ email, roles: ['auditor'] }).expect(201);
      const there = await invite({ email, roles: ['auditor'] }, other.members.admin, other.id).expect(201);
      const [a, b] = await Promise.all([
        accept({ token: here.body.token, name: 'Twin', password: STRONG }),
        accept({ token: there.body.token, name: 'Twin', password: STRONG }, t2),
      ]);
      // The later one finds the account the earlier made; the same password proves it is theirs.
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.user.id).toBe(b.body.user.id);
      const accounts = await t.dataSource.query('SELECT id FROM users WHERE email = $1', [email]);
      expect(accounts).toHaveLength(1);
      const login = await request(t.http).post('/api/v1/auth/login').send({ email, password: STRONG }).expect(200);
      expect(login.body.workspaces.map((w: { id: string }) => w.id).sort()).toEqual([ws.id, other.id].sort());
    });

    it('lets a member signed in to the web app accept with the browser session, which must carry the CSRF token', async () => {
      const target = ws.members.publisher;
      const session = await request(t.http)
        .post('/api/v1/auth/session')
        .send({ email: target.email, password: 'test-password-123' })
        .expect(200);
      const cookie = (session.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('preclear_session='))!
        .split(';')[0];
      const inv = await invite({ email: target.email, roles: ['auditor'] }, other.members.admin, other.id).expect(201);
      const forged = await accept({ token: inv.body.token }).set('Cookie', cookie).expect(403);
      expect(forged.body.code).toBe('CSRF_FAILED');
      const joined = await accept({ token: inv.body.token })
        .set('Cookie', cookie)
        .set('X-CSRF-Token', session.body.csrfToken)
        .expect(200);
      expect(joined.body.user.id).toBe(target.userId);
      expect(joined.body.workspaces).toContainEqual({ id: other.id, name: other.name, roles: ['auditor'] });
      await request(t.http)
        .delete(`${base(other.id)}/members/${target.userId}`)
        .set(auth(other.members.admin))
        .expect(204);
    });

    it('lets the invitee claim an account that never had a password (made by an admin in an older version)', async () => {
      const email = newEmail();
      const [legacy] = await t.dataSource.query(
        `INSERT INTO users (email, name, password_hash) VALUES ($1, 'Legacy Name', NULL) RETURNING id`,
        [email],
      );
      const inv = await invite({ email, roles: ['auditor'] }).expect(201);
      const joined = await accept({ token: inv.body.token, password: STRONG }).expect(200);
      expect(joined.body.user).toEqual({ id: legacy.id, email, name: 'Legacy Name' });
      await request(t.http).post('/api/v1/auth/login').send({ email, password: STRONG }).expect(200);
    });

    it('refuses revoked, replaced, expired and unknown tokens alike', async () => {
      const email = newEmail();
      const first = await invite({ email, roles: ['auditor'] }).expect(201);
      const second = await invite({ email, roles: ['auditor'] }).expect(201);
      const revoked = await invite({ email: newEmail(), roles: ['auditor'] }).expect(201);
      await request(t.http)
        .delete(`${base()}/invitations/${revoked.body.invitation.id}`)
        .set(auth(admin()))
        .expect(204);
      await request(t.http)
        .delete(`${base()}/invitations/${revoked.body.invitation.id}`)
        .set(auth(admin()))
        .expect(404);
      const expired = await invite({ email: newEmail(), roles: ['auditor'] }).expect(201);
      await t.dataSource.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        expired.body.invitation.id,
      ]);

      for (const token of [first.body.token, revoked.body.token, expired.body.token, 'pci_unknown', 'x'.repeat(200)]) {
        const res = await accept({ token, name: 'N', password: STRONG }).expect(422);
        expect(res.body).toMatchObject({ code: 'INVITATION_INVALID', details: [{ field: 'token' }] });
      }
      await accept({ token: second.body.token, name: 'Second', password: STRONG }).expect(200);
      const statuses = (await request(t.http).get(`${base()}/invitations`).set(auth(admin())).expect(200)).body.map(
        (i: { id: string; status: string }) => [i.id, i.status],
      );
      expect(statuses).toEqual(
        expect.arrayContaining([
          [first.body.invitation.id, 'revoked'],
          [second.body.invitation.id, 'accepted'],
          [revoked.body.invitation.id, 'revoked'],
          [expired.body.invitation.id, 'expired'],
        ]),
      );
    });

    it('answers 409 for someone already a member, and refuses hostile bodies with 400', async () => {
      const dup = await invite({ email: ws.members.auditor.email, roles: ['auditor'] }).expect(409);
      expect(dup.body.code).toBe('MEMBER_EXISTS');
      for (const body of [
        { email: 'x@y.test', roles: [] },
        { email: 'x@y.test', roles: ['root'] },
        { email: 'x', roles: ['auditor'] },
        { email: 'x@y.test', roles: ['auditor'], isAdmin: true },
      ]) {
        await invite(body).expect(400);
      }
      for (const body of [
        {},
        { token: 1 },
        { token: 'pci_x', password: 'p'.repeat(201) },
        { token: 'pci_x', userId: admin().userId },
      ]) {
        await accept(body).expect(400);
      }
    });
  });

  describe('API keys cannot manage people', () => {
    it('answers 403 API_KEY_NOT_ALLOWED on member, role, invitation, key and workspace management, even for an admin key', async () => {
      const created = await request(t.http)
        .post(`${base()}/api-keys`)
        .set(auth(admin()))
        .send({ name: 'ops', roles: ['admin'] })
        .expect(201);
      const key = { Authorization: `Bearer ${created.body.key}` };
      const target = ws.members.auditor.userId;
      const attempts: [string, string, Record<string, unknown>?][] = [
        ['post', `${base()}/members`, { email: newEmail(), name: 'Sock Puppet', roles: ['reviewer'] }],
        ['patch', `${base()}/members/${target}`, { roles: ['principal'] }],
        ['delete', `${base()}/members/${target}`],
        ['get', `${base()}/invitations`],
        ['delete', `${base()}/invitations/${target}`],
        ['post', `${base()}/api-keys`, { name: 'more', roles: ['admin'] }],
        ['get', `${base()}/api-keys`],
        ['delete', `${base()}/api-keys/${created.body.id}`],
        ['post', '/api/v1/workspaces', { name: 'Shadow' }],
        ['post', '/api/v1/auth/logout'],
        ['post', '/api/v1/auth/password', { currentPassword: 'x', newPassword: STRONG }],
      ];
      for (const [method, path, body] of attempts) {
        const res = await (request(t.http) as unknown as Record<string, (p: string) => request.Test>)
          [method](path)
          .set(key)
          .send(body);
        expect([method, path, res.status, res.body.code]).toEqual([method, path, 403, 'API_KEY_NOT_ALLOWED']);
      }
      // Reading the member list is not management.
      await request(t.http).get(`${base()}/members`).set(key).expect(200);
      // A key of this workspace still sees no other workspace.
      await request(t.http)
        .post(`${base(other.id)}/members`)
        .set(key)
        .send({ email: newEmail(), roles: ['auditor'] })
        .expect(404);
      const roles = await t.dataSource.query(`SELECT roles FROM memberships WHERE user_id = $1 AND workspace_id = $2`, [
        target,
        ws.id,
      ]);
      expect(roles).toEqual([{ roles: ['auditor'] }]);
    });
  });

  describe('roles and removal', () => {
    it('changes roles at once on every instance, records the grant and audits it', async () => {
      const promoted = ws.members.promoted;
      // The audit trail is not for publishers.
      await request(t2.http).get(`${base()}/audit`).set(auth(promoted)).expect(403);
      const res = await request(t.http)
        .patch(`${base()}/members/${promoted.userId}`)
        .set(auth(admin()))
        .send({ roles: ['publisher', 'auditor'] })
        .expect(200);
      expect(res.body).toMatchObject({ userId: promoted.userId, roles: ['publisher', 'auditor'] });
      await request(t2.http).get(`${base()}/audit`).set(auth(promoted)).expect(200);
      const grants = await t.dataSource.query(
        `SELECT role, granted_by FROM role_grants WHERE workspace_id = $1 AND user_id = $2 ORDER BY granted_at`,
        [ws.id, promoted.userId],
      );
      expect(grants).toEqual([
        { role: 'publisher', granted_by: null },
        { role: 'auditor', granted_by: admin().userId },
      ]);
      await request(t.http)
        .patch(`${base()}/members/${promoted.userId}`)
        .set(auth(admin()))
        .send({ roles: ['publisher'] })
        .expect(200);
      await request(t2.http).get(`${base()}/audit`).set(auth(promoted)).expect(403);
      const changes = (await auditActions(ws.id)).filter(
        (e) => e.action === 'member.roles_changed' && e.subject === `user:${promoted.userId}`,
      );
      expect(changes.map((e) => e.data)).toEqual([
        { roles: ['publisher', 'auditor'], added: ['auditor'], removed: [] },
        { roles: ['publisher'], added: [], removed: ['auditor'] },
      ]);
      expect(changes[0].actor).toBe(`user:${admin().userId}`);
    });

    it("removes a member: the departed reviewer's token stops opening the workspace at once, on every instance", async () => {
      const departing = ws.members.departing;
      await request(t2.http).get(`${base()}/brands`).set(auth(departing)).expect(200);
      await request(t.http).delete(`${base()}/members/${departing.userId}`).set(auth(admin())).expect(204);
      await request(t2.http).get(`${base()}/brands`).set(auth(departing)).expect(404);
      await request(t.http).get(`${base()}/review-queue`).set(auth(departing)).expect(404);
      await request(t.http).delete(`${base()}/members/${departing.userId}`).set(auth(admin())).expect(404);
      const removed = (await auditActions(ws.id)).find(
        (e) => e.action === 'member.removed' && e.subject === `user:${departing.userId}`,
      );
      expect(removed?.data).toEqual({ email: departing.email, roles: ['reviewer'] });
    });

    it('keeps at least one admin (422 LAST_ADMIN), and lets admins hand over', async () => {
      const fresh = await createWorkspace(t, { boss: ['admin'], deputy: ['marketer'] });
      const boss = fresh.members.boss;
      const demote = await request(t.http)
        .patch(`${base(fresh.id)}/members/${boss.userId}`)
        .set(auth(boss))
        .send({ roles: ['marketer'] })
        .expect(422);
      expect(demote.body.code).toBe('LAST_ADMIN');
      expect(
        (
          await request(t.http)
            .delete(`${base(fresh.id)}/members/${boss.userId}`)
            .set(auth(boss))
            .expect(422)
        ).body.code,
      ).toBe('LAST_ADMIN');
      await request(t.http)
        .patch(`${base(fresh.id)}/members/${fresh.members.deputy.userId}`)
        .set(auth(boss))
        .send({ roles: ['admin'] })
        .expect(200);
      await request(t.http)
        .delete(`${base(fresh.id)}/members/${boss.userId}`)
        .set(auth(boss))
        .expect(204);
      await request(t.http)
        .get(`${base(fresh.id)}/members`)
        .set(auth(boss))
        .expect(404);
    });

    it('answers 404 across workspaces and 403 for non-admins, and refuses bad role lists', async () => {
      const target = ws.members.auditor.userId;
      await request(t.http)
        .patch(`${base()}/members/${target}`)
        .set(auth(other.members.admin))
        .send({ roles: ['admin'] })
        .expect(404);
      await request(t.http)
        .patch(`${base(other.id)}/members/${target}`)
        .set(auth(other.members.admin))
        .send({ roles: ['admin'] })
        .expect(404);
      await request(t.http)
        .delete(`${base(other.id)}/members/${target}`)
        .set(auth(other.members.admin))
        .expect(404);
      await request(t.http)
        .patch(`${base(other.id)}/members/not-a-uuid`)
        .set(auth(other.members.admin))
        .send({ roles: ['admin'] })
        .expect(404);
      await request(t.http).get(`${base()}/members`).set(auth(other.members.admin)).expect(404);
      const inv = await invite({ email: newEmail(), roles: ['auditor'] }).expect(201);
      await request(t.http)
        .delete(`${base(other.id)}/invitations/${inv.body.invitation.id}`)
        .set(auth(other.members.admin))
        .expect(404);
      for (const member of ['marketer', 'reviewer', 'principal', 'publisher', 'auditor']) {
        const res = await request(t.http)
          .patch(`${base()}/members/${target}`)
          .set(auth(ws.members[member]))
          .send({ roles: ['admin'] });
        expect([member, res.status, res.body.code]).toEqual([member, 403, 'FORBIDDEN_ROLE']);
        await request(t.http).delete(`${base()}/members/${target}`).set(auth(ws.members[member])).expect(403);
      }
      for (const body of [
        {},
        { roles: [] },
        { roles: ['god'] },
        { roles: ['admin', 'admin'] },
        { roles: ['admin'], userId: target },
      ]) {
        await request(t.http).patch(`${base()}/members/${target}`).set(auth(admin())).send(body).expect(400);
      }
    });
  });

  describe('signer qualification', () => {
    it('shows on a decision when and by whom the signer got the role, and audits it', async () => {
      const brandId = (
        await createBrand(t, ws.id, admin(), {
          name: 'Acme Securities',
          legalName: 'Acme Securities LLC',
          profile: US_BROKER_PROFILE,
        })
      ).id;
      const email = newEmail();
      const inv = await invite({
        email,
        name: 'Pat Principal',
        roles: ['principal'],
        qualification: { crdNumber: '4455667' },
      }).expect(201);
      const principal = await accept({ token: inv.body.token, password: STRONG }).expect(200);
      const grantedAt = (
        await t.dataSource.query(`SELECT granted_at FROM role_grants WHERE user_id = $1`, [principal.body.user.id])
      )[0].granted_at as Date;

      const post = await createPost(t, ws.id, ws.members.marketer, usBrokeragePost(brandId));
      const path = `${base()}/posts/${post.id}`;
      await request(t.http).post(`${path}/submit`).set(auth(ws.members.marketer)).send({ revision: 1 }).expect(201);
      await request(t.http)
        .post(`${path}/decisions`)
        .set(auth(ws.members.reviewer))
        .send({ revision: 1, stage: 'compliance', decision: 'approve' })
        .expect(201);
      const done = await request(t.http)
        .post(`${path}/decisions`)
        .set({ Authorization: `Bearer ${principal.body.accessToken}` })
        .send({ revision: 1, stage: 'principal', decision: 'approve' })
        .expect(201);
      const [compliance, principalStage] = done.body.stages;
      expect(principalStage.signature).toMatchObject({
        decidedBy: principal.body.user.id,
        qualification: { crdNumber: '4455667' },
        signerQualification: {
          role: 'principal',
          grantedAt: grantedAt.toISOString(),
          grantedBy: admin().userId,
          grantedByName: 'admin',
        },
      });
      // A fixture member's role was granted by the system.
      expect(compliance.signature.signerQualification).toMatchObject({ role: 'reviewer', grantedBy: null });
      const decision = (await auditActions(ws.id))
        .filter((e) => e.action === 'workflow.decision' && e.subject === `post:${post.id}`)
        .pop();
      expect(decision?.data.signerQualification).toEqual(principalStage.signature.signerQualification);
    });
  });
});
