import { createServer } from 'node:net';
import request from 'supertest';
import { totpCode } from '../../src/identity/second-factor/totp';
import { startOidcProvider, type OidcTestProvider } from '../support/oidc-provider';
import { auth, createWorkspace, type TestWorkspace } from '../support/test-app';
import { type BrowserApp, expectAccessible, PASSWORD, startBrowserApp } from './support/browser-app';

/** A free port, so that the app's public URL (the SSO redirect URI) is known before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('Web app: second factor and single sign-on (browser)', () => {
  let app: BrowserApp;
  let op: OidcTestProvider;
  let ws: TestWorkspace;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    op = await startOidcProvider([`${publicUrl}/api/v1/auth/sso/callback`]);
    app = await startBrowserApp({ PUBLIC_URL: publicUrl }, port);
  });
  // Each journey has its own workspace: requiring a second factor signs the other one's admin out.
  beforeEach(async () => {
    ws = await createWorkspace(app.t, { admin: ['admin'], ann: ['marketer'] });
  });
  afterAll(async () => {
    await app?.close();
    await op?.close();
  });

  it('makes a member enrol an authenticator app, shows the recovery codes once, then asks for a code at sign-in', async () => {
    await request(app.t.http)
      .put(`/api/v1/workspaces/${ws.id}/second-factor-policy`)
      .set(auth(ws.members.admin))
      .send({ secondFactorRequired: true })
      .expect(200);
    const context = await app.browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('E-mail').fill(ws.members.ann.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up your second factor' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(await page.getByTestId('otpauth-uri').textContent()).toContain(`secret=${secret}`);
    // The previous step's code, so that the sign-in below may use the current one.
    await page.getByLabel('Code from the app').fill(totpCode(secret, Date.now() - 30000));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Recovery codes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation').waitFor();
    await context.close();

    const again = await app.browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    const second = await again.newPage();
    await second.goto('/');
    await second.getByLabel('E-mail').fill(ws.members.ann.email);
    await second.getByLabel('Password').fill(PASSWORD);
    await second.getByRole('button', { name: 'Sign in', exact: true }).click();
    const codeField = second.getByLabel('Code from your authenticator app, or a recovery code');
    await codeField.waitFor();
    await expectAccessible(second);
    await codeField.fill(totpCode(secret, Date.now()));
    await second.getByRole('button', { name: 'Verify' }).click();
    await second.getByRole('navigation').waitFor();
    await again.close();
  });

  it('signs in through the local identity provider with "Sign in with SSO"', async () => {
    await request(app.t.http)
      .put(`/api/v1/workspaces/${ws.id}/sso`)
      .set(auth(ws.members.admin))
      .send({
        slug: 'browser-bank',
        issuerUrl: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        allowedDomains: ['browser-bank.example'],
        groupRoles: [{ group: 'compliance', roles: ['reviewer'] }],
        passwordSignIn: true,
      })
      .expect(200);
    await op.signInAs({
      sub: 'rita',
      email: 'rita@browser-bank.example',
      name: 'Rita Reviewer',
      groups: ['compliance'],
    });
    const context = await app.browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('E-mail').fill('rita@browser-bank.example');
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await page.getByRole('navigation').waitFor();
    await page.getByRole('banner').getByText('Rita Reviewer', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('heading', { name: 'Security' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
