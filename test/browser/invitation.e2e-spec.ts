import request from 'supertest';
import { auth, createWorkspace, type TestWorkspace } from '../support/test-app';
import { type BrowserApp, expectAccessible, signedIn, startBrowserApp } from './support/browser-app';

describe('Web app: accepting an invitation (browser)', () => {
  let app: BrowserApp;
  let ws: TestWorkspace;
  /** A workspace whose member is invited into `ws` while signed in to the web app. */
  let other: TestWorkspace;

  beforeAll(async () => {
    app = await startBrowserApp();
    ws = await createWorkspace(app.t, { admin: ['admin'] });
    other = await createWorkspace(app.t, { admin: ['admin'], bystander: ['marketer'] });
  });
  afterAll(() => app?.close());

  it('creates the account from the link, names the bad field, and signs the new member in', async () => {
    const email = `invitee-${Date.now()}@test.preclear`;
    const invited = await request(app.t.http)
      .post(`/api/v1/workspaces/${ws.id}/members`)
      .set(auth(ws.members.admin))
      .send({ email, roles: ['marketer'] })
      .expect(201);
    const context = await app.browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.goto(`/accept-invitation#token=${invited.body.token as string}`);
    await page.getByRole('heading', { name: 'Join the workspace' }).waitFor();
    // The token leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe('');
    await expectAccessible(page);

    await page.getByLabel('Your name (new accounts)').fill('Ines Invitee');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Password').fill('a long and private passphrase 7');
    await page.getByRole('button', { name: 'Accept and sign in' }).click();
    await page.getByRole('heading', { name: 'Calendar' }).waitFor();
    await page.getByRole('banner').getByText('Ines Invitee', { exact: true }).waitFor();

    const members = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/members`)
      .set(auth(ws.members.admin))
      .expect(200);
    expect(members.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ email, name: 'Ines Invitee', roles: ['marketer'] })]),
    );
    await context.close();
  });

  it('lets a member signed in here join with one click, and refuses it for another account', async () => {
    const member = other.members.admin;
    const invited = await request(app.t.http)
      .post(`/api/v1/workspaces/${ws.id}/members`)
      .set(auth(ws.members.admin))
      .send({ email: member.email, roles: ['reviewer'] })
      .expect(201);
    const meant = `/accept-invitation#token=${invited.body.token as string}`;

    // Someone else is signed in on this browser: the service refuses, and they can switch account.
    const bystander = await signedIn(app, other.members.bystander.email);
    await bystander.page.goto(meant);
    await bystander.page.getByText(`signed in as ${other.members.bystander.email}`).waitFor();
    await bystander.page.getByRole('button', { name: 'Join the workspace' }).click();
    await bystander.page.getByRole('alert').waitFor();
    await bystander.page.getByRole('button', { name: 'Use another account' }).click();
    await bystander.page.getByLabel('Password').waitFor();
    await bystander.context.close();

    const { context, page } = await signedIn(app, member.email);
    await page.goto(meant);
    await page.getByText(`signed in as ${member.email}`).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Join the workspace' }).click();
    await page.getByRole('heading', { name: 'Calendar' }).waitFor();
    const session = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).json());
    expect(session.workspaces).toContainEqual({ id: ws.id, name: ws.name, roles: ['reviewer'] });
    await context.close();
  });

  it('says so when the link has no token', async () => {
    const context = await app.browser.newContext({ baseURL: app.baseUrl, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/accept-invitation');
    await page.getByRole('alert').filter({ hasText: 'no invitation token' }).waitFor();
    await context.close();
  });
});
