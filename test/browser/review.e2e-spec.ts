import request from 'supertest';
import { createBrand, createPost } from '../support/fixtures';
import { auth, createWorkspace, type TestWorkspace } from '../support/test-app';
import { US_BROKER_PROFILE, usBrokeragePost } from '../support/workflow-fixtures';
import {
  type BrowserApp,
  eventually,
  expectAccessible,
  screenshot,
  signedIn,
  startBrowserApp,
} from './support/browser-app';

/** Two days ahead at 10:00 New York time: inside the month grid the calendar opens on. */
function inTwoDays(): string {
  const day = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return `${day}T10:00:00`;
}

describe('Web app: review with redline, approvals, calendar and feeds (browser)', () => {
  let app: BrowserApp;
  let ws: TestWorkspace;
  let postId: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    ws = await createWorkspace(
      app.t,
      { marketer: ['marketer'], reviewer: ['reviewer'], principal: ['principal'], admin: ['admin'] },
      { principal: { crdNumber: '7654321', title: 'Registered Principal' } },
    );
    const brand = await createBrand(app.t, ws.id, ws.members.admin, {
      name: 'Acme Securities',
      profile: US_BROKER_PROFILE,
    });
    const post = await createPost(
      app.t,
      ws.id,
      ws.members.marketer,
      usBrokeragePost(brand.id, { scheduledAt: inTwoDays(), title: 'Commission-free ETFs' }),
    );
    postId = post.id;
    await request(app.t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${postId}/submit`)
      .set(auth(ws.members.marketer))
      .send({ revision: 1 })
      .expect(201);
  });
  afterAll(() => app?.close());

  it('takes a post from the queue through a change request, a redline and both approvals onto the calendar', async () => {
    // The reviewer finds the post in the queue and asks for a change.
    const reviewer = await signedIn(app, ws.members.reviewer.email);
    await reviewer.page.getByRole('link', { name: 'Review queue' }).click();
    await reviewer.page.getByRole('link', { name: 'Commission-free ETFs' }).waitFor();
    await expectAccessible(reviewer.page);
    await screenshot(reviewer.page, 'review-queue');
    await reviewer.page.getByRole('link', { name: 'Commission-free ETFs' }).click();
    await reviewer.page.getByLabel('Comment').fill('Mention that fees may apply.');
    await reviewer.page.getByRole('button', { name: 'Request changes' }).click();
    await reviewer.page.getByText('Changes requested', { exact: true }).first().waitFor();

    // The marketer edits the text in the editor and submits again.
    const marketer = await signedIn(app, ws.members.marketer.email);
    await marketer.page.goto(`/posts/${postId}`);
    const body = marketer.page.getByLabel('Text as published');
    await eventually(async () => expect(await body.inputValue()).toContain('Investing involves risk'));
    await body.fill(`${await body.inputValue()} Other fees may apply.`);
    await marketer.page.getByRole('button', { name: 'Submit for review' }).click();
    await marketer.page.getByRole('status').filter({ hasText: 'Submitted' }).waitFor();

    // The author may not sign their own post: the buttons say why.
    await marketer.page.goto(`/review/${postId}`);
    await marketer.page.getByText('You wrote this revision', { exact: false }).waitFor();
    expect(await marketer.page.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);

    // The reviewer reads what changed since revision 1 and approves.
    await reviewer.page.goto(`/review/${postId}`);
    await reviewer.page.getByRole('heading', { name: /Changes since revision 1/ }).waitFor();
    expect(await reviewer.page.locator('.redline-body ins').allTextContents()).toEqual([
      expect.stringContaining('Other fees may apply.'),
    ]);
    await expectAccessible(reviewer.page);
    await screenshot(reviewer.page, 'review');
    await reviewer.page.getByRole('button', { name: 'Approve' }).click();
    await reviewer.page
      .getByText('No stage is open for a decision.', { exact: false })
      .or(reviewer.page.getByText('You already signed', { exact: false }))
      .waitFor();

    // The registered principal approves; the post is scheduled.
    const principal = await signedIn(app, ws.members.principal.email);
    await principal.page.goto(`/review/${postId}`);
    await principal.page.getByRole('button', { name: 'Approve' }).click();
    await principal.page.getByText('Scheduled', { exact: true }).first().waitFor();

    await marketer.page.goto('/');
    const event = marketer.page.locator('.event', { hasText: 'Commission-free ETFs' });
    await event.waitFor();
    expect(await event.getAttribute('title')).toContain('Scheduled');
    await expectAccessible(marketer.page);
    await screenshot(marketer.page, 'calendar');
    await Promise.all([reviewer.context.close(), marketer.context.close(), principal.context.close()]);
  });

  it('creates a calendar feed whose address answers text/calendar, and revokes it', async () => {
    const { context, page } = await signedIn(app, ws.members.reviewer.email);
    await page.getByRole('link', { name: 'Calendar feeds' }).click();
    await page.getByLabel('Name').fill('My reviews');
    await page.getByRole('group', { name: 'Jurisdictions' }).getByLabel('US').check();
    await page.getByRole('button', { name: 'Create feed' }).click();
    const url = await page.getByLabel('Feed address').inputValue();
    expect(url).toMatch(/\/feeds\/[^/]+\.ics$/);
    expect(await page.getByRole('link', { name: 'Open in calendar app' }).getAttribute('href')).toMatch(/^webcal:\/\//);
    await expectAccessible(page);
    await screenshot(page, 'feeds');
    const path = new URL(url).pathname;
    const feed = await request(app.t.http).get(path).expect(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toContain('Commission-free ETFs');
    // Each event links to the post in the web app, which opens it in the right workspace.
    const link = /^URL[^:]*:(.+)$/m.exec(feed.text.replace(/\r\n /g, ''))![1].trim();
    const { pathname, search } = new URL(link);
    expect(`${pathname}${search}`).toBe(`/posts/${postId}?workspace=${ws.id}`);
    await page.goto(`${pathname}${search}`);
    await page.getByRole('heading', { name: 'Commission-free ETFs' }).waitFor();

    await page.goto('/calendar-feeds');
    await page.getByRole('button', { name: 'Revoke My reviews' }).click();
    await page.getByRole('button', { name: 'Revoke My reviews' }).waitFor({ state: 'detached' });
    await eventually(async () => {
      await request(app.t.http).get(path).expect(404);
    });
    await context.close();
  });
});
