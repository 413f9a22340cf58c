import { randomUUID } from 'node:crypto';
import { SmtpTestServer } from '../support/smtp-server';
import { createWorkspace, type TestWorkspace } from '../support/test-app';
import { type BrowserApp, expectAccessible, signedIn, startBrowserApp } from './support/browser-app';

describe('Web app: password reset, notification bell and preferences (browser)', () => {
  let smtp: SmtpTestServer;
  let app: BrowserApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    smtp = await SmtpTestServer.start();
    app = await startBrowserApp({ SMTP_URL: smtp.url });
    ws = await createWorkspace(app.t, { admin: ['admin'], rita: ['reviewer'], mark: ['marketer'] });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('resets a forgotten password through the e-mailed link', async () => {
    const member = ws.members.mark;
    const context = await app.browser.newContext({
      baseURL: app.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('E-mail').fill(member.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('status').filter({ hasText: 'a link is on its way' }).waitFor();
    await smtp.waitFor(() => smtp.to(member.email).length === 1);
    const link = /(\S*\/reset-password#token=[\w-]+)/.exec(smtp.to(member.email)[0].text)?.[1] ?? '';
    await page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await expectAccessible(page);
    await page.getByLabel('New password', { exact: true }).fill('amber lighthouse quartz 58');
    await page.getByLabel('New password again').fill('amber lighthouse quartz 58');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    await context.close();
  });

  it('shows unread notifications under the bell, opens the post and lets the member choose per event', async () => {
    const member = ws.members.rita;
    const postId = randomUUID();
    await app.t.dataSource.query(
      `INSERT INTO notifications (workspace_id, user_id, post_id, event, params, dedupe_key) VALUES ($1, $2, $3, 'review_requested', $4, 'browser-test')`,
      [ws.id, member.userId, postId, JSON.stringify({ title: 'Winter credit', stage: 'compliance' })],
    );
    const { context, page } = await signedIn(app, member.email);
    await page.getByRole('button', { name: 'Notifications 1 unread' }).click();
    await page.getByRole('region', { name: 'Notifications' }).getByText('Review requested: Winter credit').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Review requested: Winter credit' }).click();
    await page.waitForURL(`**/review/${postId}`);
    await page.getByRole('button', { name: 'Notifications 0 unread' }).waitFor();

    await page.goto('/account');
    await page.getByRole('heading', { name: 'Notifications', exact: true }).waitFor();
    await expectAccessible(page);
    const approved = page.getByRole('combobox', { name: 'Approved' });
    await approved.selectOption('digest');
    await page.waitForResponse((r) => r.url().endsWith('/notification-preferences') && r.request().method() === 'PUT');
    // The mandatory event offers no "off".
    const options = await page
      .getByRole('combobox', { name: /Review deadline passed/ })
      .locator('option')
      .allTextContents();
    expect(options).toEqual(['Immediately', 'Daily digest']);
    await context.close();
  });
});
