/// <reference lib="dom" />
import request from 'supertest';
import { createBrand, createPost } from '../support/fixtures';
import { auth, createWorkspace, type TestWorkspace } from '../support/test-app';
import { approvePost, DE_BANK_PROFILE } from '../support/workflow-fixtures';
import {
  type BrowserApp,
  eventually,
  expectAccessible,
  screenshot,
  signedIn,
  startBrowserApp,
} from './support/browser-app';

/** A German influencer post without the advertising label: the DE rules want "Werbung" first. */
const UNLABELLED = 'Mein Tagesgeld-Tipp: 3 % Zinsen bei der Test Bank.';

/** An instant `days` from now, whole hours, as an ISO string. */
const inDays = (days: number): string =>
  new Date(Math.floor((Date.now() + days * 86_400_000) / 3_600_000) * 3_600_000).toISOString();

describe('Web app: writing a post with live findings (browser)', () => {
  let app: BrowserApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startBrowserApp();
    ws = await createWorkspace(app.t, { marketer: ['marketer'], reviewer: ['reviewer'], admin: ['admin'] });
    await createBrand(app.t, ws.id, ws.members.admin, { name: 'Test Bank', profile: DE_BANK_PROFILE });
  });
  afterAll(() => app?.close());

  it('shows a finding while typing, applies its fix in one click, and submits', async () => {
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.getByRole('button', { name: 'New post' }).click();
    await page.getByLabel('Title').fill('Tagesgeld Tipp');
    await page.getByRole('group', { name: 'Jurisdictions' }).getByLabel('US').uncheck();
    await page.getByRole('group', { name: 'Jurisdictions' }).getByLabel('DE').check();
    await page.getByRole('group', { name: 'Channels' }).getByLabel('Instagram').check();
    await page.getByLabel('Language of the post').selectOption('de-DE');
    await page.getByLabel('Posted by a paid creator').check();
    await page.getByLabel('Text as published').fill(UNLABELLED);

    const finding = page.locator('[data-rule="DE-UWG-5A-LABEL"]');
    await finding.waitFor();
    await expectAccessible(page);
    await screenshot(page, 'editor');
    await finding.getByRole('button', { name: 'Apply fix' }).click();
    await eventually(async () =>
      expect(await page.getByLabel('Text as published').inputValue()).toBe(`Werbung ${UNLABELLED}`),
    );
    await finding.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByRole('status').filter({ hasText: 'Submitted' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Submitted' }).textContent()).toContain('Compliance');
    const postId = /\/posts\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const post = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/${postId}`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(post.body).toMatchObject({
      status: 'in_review',
      body: `Werbung ${UNLABELLED}`,
      jurisdictions: ['DE'],
      channels: ['linkedin', 'instagram'],
    });
    await context.close();
  });

  it('shows errors at the field when the server refuses the input', async () => {
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.goto('/posts/new');
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('#f-title-error').waitFor();
    await page.locator('#f-timezone-error').waitFor();
    expect(await page.getByLabel('Time zone').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it("places posts by their named zones across daylight-saving changes, in my zone or in each post's", async () => {
    const brand = await createBrand(app.t, ws.id, ws.members.admin, { name: 'Zone Bank', profile: DE_BANK_PROFILE });
    const post = {
      brandId: brand.id,
      body: 'Tagesgeld.',
      locale: 'de-DE',
      productCategory: 'deposit',
      communicationType: 'retail',
      audience: 'retail',
      channels: ['instagram'],
      jurisdictions: ['DE'],
    };
    // 14 March 2027: New York is on summer time (UTC-4), Berlin not yet (UTC+1). 28 March: Berlin switches to UTC+2.
    await createPost(app.t, ws.id, ws.members.marketer, {
      ...post,
      title: 'NY after its switch',
      scheduledAt: '2027-03-14T09:00:00',
      timezone: 'America/New_York',
    });
    await createPost(app.t, ws.id, ws.members.marketer, {
      ...post,
      title: 'Berlin on its switch day',
      scheduledAt: '2027-03-28T10:00:00',
      timezone: 'Europe/Berlin',
    });
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.goto('/?date=2027-03-01');
    const ny = page.locator('[data-date="2027-03-14"] .event', { hasText: 'NY after its switch' });
    const berlin = page.locator('[data-date="2027-03-28"] .event', { hasText: 'Berlin on its switch day' });
    expect(await ny.locator('.event-time').textContent()).toMatch(/^2:00\s?PM$/i);
    expect(await berlin.locator('.event-time').textContent()).toMatch(/^10:00\s?AM$/i);
    await page.getByLabel('Times in').selectOption('post');
    await eventually(async () => expect(await ny.locator('.event-time').textContent()).toBe('09:00 New York'));
    expect(await berlin.locator('.event-time').textContent()).toBe('10:00 Berlin');
    await context.close();
  });

  it('shows the German interface with German findings, and remembers the choice', async () => {
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Neuer Beitrag' }).click();
    await page.getByRole('group', { name: 'Rechtsräume' }).getByLabel('US').uncheck();
    await page.getByRole('group', { name: 'Rechtsräume' }).getByLabel('DE').check();
    await page.getByLabel('Von bezahlten Creators gepostet').check();
    await page.getByLabel('Text wie veröffentlicht').fill(UNLABELLED);
    const finding = page.locator('[data-rule="DE-UWG-5A-LABEL"]');
    await finding.getByText('müssen am Anfang als Werbung gekennzeichnet sein', { exact: false }).waitFor();
    await finding.getByRole('button', { name: 'Korrektur übernehmen' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Kalender', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await context.close();
  });

  it('deletes a never-submitted draft after confirmation, and refuses one that went to review', async () => {
    const brand = await createBrand(app.t, ws.id, ws.members.admin, { name: 'Delete Bank', profile: DE_BANK_PROFILE });
    const content = {
      brandId: brand.id,
      body: 'Tagesgeld bei der Test Bank.',
      locale: 'de-DE',
      productCategory: 'deposit',
      communicationType: 'retail',
    };
    const base = {
      ...content,
      audience: 'retail',
      channels: ['instagram'],
      jurisdictions: ['DE'],
      timezone: 'Europe/Berlin',
    };
    const idea = await createPost(app.t, ws.id, ws.members.marketer, { ...base, title: 'Idea to drop' });
    const reviewed = await createPost(app.t, ws.id, ws.members.marketer, {
      ...base,
      title: 'Went to review',
      scheduledAt: inDays(3),
    });
    await approvePost(app.t, ws, reviewed.id);
    // Moving it past its approval's expiry makes it a draft again, one with a review on record.
    const moved = await request(app.t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${reviewed.id}/reschedule`)
      .set(auth(ws.members.marketer))
      .send({ scheduledAt: inDays(60) })
      .expect(200);
    expect(moved.body.post.status).toBe('draft');

    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.goto(`/posts/${idea.id}`);
    await page.getByRole('button', { name: 'Delete draft' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this draft?' });
    await dialog.waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/${idea.id}`)
      .set(auth(ws.members.marketer))
      .expect(200);

    await page.getByRole('button', { name: 'Delete draft' }).click();
    await dialog.getByRole('button', { name: 'Delete draft' }).click();
    await page.getByRole('heading', { name: 'Calendar' }).waitFor();
    await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/${idea.id}`)
      .set(auth(ws.members.marketer))
      .expect(404);

    await page.goto(`/posts/${reviewed.id}`);
    await page.getByRole('button', { name: 'Delete draft' }).click();
    await dialog.getByRole('button', { name: 'Delete draft' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'withdraw it instead of deleting it' }).waitFor();
    await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/${reviewed.id}`)
      .set(auth(ws.members.marketer))
      .expect(200);
    await context.close();
  });
});
