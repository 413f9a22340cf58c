import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { SmtpTestServer } from './support/smtp-server';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { testQueuePrefix } from './support/test-env';

const NEW_PASSWORD = 'violet kestrel harbour 42';

describe('Password reset by e-mail (e2e, real SMTP server)', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Preclear <preclear@bank.example>',
      PUBLIC_URL: 'https://preclear.bank.example',
      PASSWORD_RESET_ACCOUNT_LIMIT: '3',
      PASSWORD_RESET_ADDRESS_LIMIT: '12',
      // Own budgets: other files' requests from 127.0.0.1 must not count here.
      QUEUE_PREFIX: `${testQueuePrefix()}-reset-${randomBytes(3).toString('hex')}`,
    });
    ws = await createWorkspace(t, {
      anna: ['marketer'],
      bert: ['reviewer'],
      carla: ['publisher'],
      dora: ['auditor'],
      emil: ['marketer'],
    });
    await t.dataSource.query(`UPDATE memberships SET language = 'de' WHERE user_id = $1`, [ws.members.bert.userId]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const ask = (email: string) => request(t.http).post('/api/v1/auth/password-reset').send({ email });
  const tokenOf = (text: string): string => {
    const match = /reset-password#token=([\w-]+)/.exec(text);
    if (!match) throw new Error(`no link in ${text}`);
    return match[1];
  };
  async function mailedToken(email: string): Promise<string> {
    const before = smtp.to(email).length;
    await ask(email).expect(202);
    await smtp.waitFor(() => smtp.to(email).length > before, 10_000, `reset mail to ${email}`);
    return tokenOf(smtp.to(email).at(-1)!.text);
  }

  it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
    const known = await ask(ws.members.anna.email).expect(202);
    const unknown = await ask(`nobody-${randomBytes(3).toString('hex')}@test.preclear`).expect(202);
    expect(unknown.body).toEqual(known.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
    await smtp.waitFor(() => smtp.to(ws.members.anna.email).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.filter((m) => m.to.some((to) => to.startsWith('nobody-')))).toHaveLength(0);
    const mail = smtp.to(ws.members.anna.email)[0];
    expect(mail.parsed.from?.text).toContain('preclear@bank.example');
    expect(mail.text).toContain('https://preclear.bank.example/reset-password#token=');
    expect(mail.html).toContain('https://preclear.bank.example/reset-password#token=');
  });

  it('writes the e-mail in the member’s language', async () => {
    await mailedToken(ws.members.bert.email);
    const mail = smtp.to(ws.members.bert.email).at(-1)!;
    expect(mail.subject).toBe('Ihr Preclear-Passwort zurücksetzen');
    expect(mail.language).toBe('de');
  });

  it('sets the new password once, revokes every session, and audits', async () => {
    const member = ws.members.carla;
    const token = await mailedToken(member.email);
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(member)).expect(200);
    await request(t.http)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: NEW_PASSWORD })
      .expect(204);
    // The token the member had is dead; the new password works, the old one does not.
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(member)).expect(401);
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: member.email, password: 'test-password-123' })
      .expect(401);
    const login = await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: member.email, password: NEW_PASSWORD })
      .expect(200);
    const again = await request(t.http)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'another fine passphrase 7' })
      .expect(422);
    expect(again.body.code).toBe('RESET_TOKEN_INVALID');
    const audit = await request(t.http).get(`/api/v1/workspaces/${ws.id}/audit`).set(auth(ws.members.dora)).expect(200);
    expect(
      audit.body.items.some(
        (e: { action: string; subject: string }) =>
          e.action === 'auth.password_reset' && e.subject === `user:${member.userId}`,
      ),
    ).toBe(true);
    expect(JSON.stringify(audit.body)).not.toContain(token);
    expect(login.body.accessToken).toEqual(expect.any(String));
  });

  it('refuses an expired token', async () => {
    const token = await mailedToken(ws.members.emil.email);
    await t.dataSource.query(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [ws.members.emil.userId],
    );
    const res = await request(t.http)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: NEW_PASSWORD })
      .expect(422);
    expect(res.body.code).toBe('RESET_TOKEN_INVALID');
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: ws.members.emil.email, password: 'test-password-123' })
      .expect(200);
  });

  it('refuses a weak new password naming newPassword, and keeps the token usable', async () => {
    const token = await mailedToken(ws.members.dora.email);
    const res = await request(t.http)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'password1234' })
      .expect(422);
    expect(res.body.code).toBe('WEAK_PASSWORD');
    expect(JSON.stringify(res.body)).toContain('newPassword');
    await request(t.http)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: NEW_PASSWORD })
      .expect(204);
  });

  it('refuses hostile bodies with 400 naming the fields', async () => {
    const bad = await request(t.http)
      .post('/api/v1/auth/password-reset')
      .send({ email: { $ne: 1 } })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('email');
    const confirm = await request(t.http)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: 'x'.repeat(5000), newPassword: 7 })
      .expect(400);
    expect(JSON.stringify(confirm.body)).toContain('token');
    expect(JSON.stringify(confirm.body)).toContain('newPassword');
    await request(t.http)
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token: 'A'.repeat(43), newPassword: NEW_PASSWORD })
      .expect(422);
  });

  it('limits mails per address (still 202, nothing more sent) and requests per client (429)', async () => {
    const email = ws.members.anna.email;
    const before = smtp.to(email).length;
    // The first test used one of anna's three.
    for (let i = 0; i < 4; i += 1) await ask(email).expect(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.to(email).length - before).toBe(2);
    let limited = false;
    for (let i = 0; i < 12 && !limited; i += 1) limited = (await ask(`someone-${i}@test.preclear`)).status === 429;
    expect(limited).toBe(true);
  });
});

describe('Password change with the current password (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ QUEUE_PREFIX: `${testQueuePrefix()}-change-${randomBytes(3).toString('hex')}` });
    ws = await createWorkspace(t, { anna: ['marketer'] });
  });
  afterAll(() => t.close());

  it('needs the right current password and signs other sessions out', async () => {
    const member = ws.members.anna;
    const wrong = await request(t.http)
      .post('/api/v1/auth/password')
      .set(auth(member))
      .send({ currentPassword: 'not it at all', newPassword: NEW_PASSWORD })
      .expect(403);
    expect(wrong.body.code).toBe('WRONG_PASSWORD');
    const res = await request(t.http)
      .post('/api/v1/auth/password')
      .set(auth(member))
      .send({ currentPassword: 'test-password-123', newPassword: NEW_PASSWORD })
      .expect(200);
    await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(member)).expect(401);
    await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/brands`)
      .set({ Authorization: `Bearer ${res.body.accessToken}` })
      .expect(200);
  });
});
