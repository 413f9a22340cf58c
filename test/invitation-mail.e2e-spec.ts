import request from 'supertest';
import { SmtpTestServer } from './support/smtp-server';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

describe('Invitations by e-mail (e2e, real SMTP server)', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    t = await startTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Preclear <preclear@bank.example>',
      PUBLIC_URL: 'https://preclear.bank.example',
    });
    ws = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const invite = (body: Record<string, unknown>) =>
    request(t.http).post(`/api/v1/workspaces/${ws.id}/members`).set(auth(ws.members.admin)).send(body);

  it("mails the link to the invitee in the invitation's language, and the link is the one the admin got", async () => {
    const email = `greta-${ws.id.slice(0, 8)}@bank.example`;
    const res = await invite({ email, name: 'Greta', roles: ['reviewer', 'auditor'], language: 'de' }).expect(201);
    expect(res.body.emailed).toBe(true);
    await smtp.waitFor(() => smtp.to(email).length === 1, 10_000, `invitation to ${email}`);
    const mail = smtp.to(email)[0];
    expect(mail.language).toBe('de');
    expect(mail.subject).toBe(`Einladung zu ${ws.name} in Preclear`);
    expect(mail.text).toContain('Guten Tag Greta,');
    expect(mail.text).toContain(`admin hat Sie eingeladen, ${ws.name} in Preclear beizutreten`);
    expect(mail.text).toContain('mit den Rollen: Prüfung (reviewer), Revision (auditor).');
    expect(mail.text).toContain(`Einladung annehmen: ${res.body.acceptUrl}`);
    expect(mail.html).toContain(`href="${res.body.acceptUrl}"`);
    // The link in the mail works: the invitee accepts with it.
    const token = /#token=(pci_[\w-]+)/.exec(mail.text)![1];
    await request(t.http)
      .post('/api/v1/invitations/accept')
      .send({ token, password: 'a long and private passphrase 7' })
      .expect(200);
  });

  it('still answers with the link when the mail server refuses, and mails nothing for a refused invitation', async () => {
    smtp.failNext(10);
    const email = `hugo-${ws.id.slice(0, 8)}@bank.example`;
    const res = await invite({ email, roles: ['marketer'] }).expect(201);
    expect(res.body.acceptUrl).toMatch(/#token=pci_/);
    const before = smtp.mails.length;
    await invite({ email: ws.members.marketer.email, roles: ['marketer'] }).expect(409);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.length).toBe(before);
    smtp.failNext(0);
  });
});
