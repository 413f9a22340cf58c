/// <reference lib="dom" />
import request from 'supertest';
import { createHash } from 'node:crypto';
import { createBrand } from '../support/fixtures';
import { solidPng } from '../support/media-files';
import { auth, createWorkspace, type TestWorkspace } from '../support/test-app';
import { US_BROKER_PROFILE } from '../support/workflow-fixtures';
import { type BrowserApp, eventually, expectAccessible, signedIn, startBrowserApp } from './support/browser-app';

describe('Web app: images on a post (browser)', () => {
  let app: BrowserApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startBrowserApp();
    ws = await createWorkspace(app.t, { marketer: ['marketer'], admin: ['admin'] });
    await createBrand(app.t, ws.id, ws.members.admin, {
      name: 'Acme',
      legalName: 'Acme Securities LLC',
      profile: US_BROKER_PROFILE,
    });
  });
  afterAll(() => app?.close());

  it('uploads an image, shows it in the preview, asks for its alt text at the field, and saves it by hash', async () => {
    const image = solidPng(480, 360);
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.goto('/posts/new');
    await page.getByLabel('Title').fill('Savings with a picture');
    await page
      .getByLabel('Text as published')
      .fill('Open a savings account with Acme Securities LLC, member FINRA/SIPC.');
    await page
      .locator('.media-picker input[type=file]')
      .setInputFiles({ name: 'family.png', mimeType: 'image/png', buffer: image });
    const thumbnail = page.locator('.media-item img.media-thumb');
    await thumbnail.waitFor();
    await eventually(async () =>
      expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480),
    );
    // The preview shows the image too.
    await page.locator('.preview .mock-images img').waitFor();

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.locator('#media-0-alt-error').waitFor();
    expect(await page.getByLabel(/^Alt text/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^Alt text/).fill('A family reading a savings statement at the kitchen table');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    expect(await page.locator('.preview .mock-images img').getAttribute('alt')).toBe(
      'A family reading a savings statement at the kitchen table',
    );

    const postId = /\/posts\/([0-9a-f-]{36})$/.exec(page.url())![1];
    const post = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/${postId}`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(post.body.media).toEqual([
      {
        kind: 'image',
        mediaId: createHash('sha256').update(image).digest('hex'),
        altText: 'A family reading a savings statement at the kitchen table',
      },
    ]);

    // Removing it is another revision without media.
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await eventually(async () => {
      const res = await request(app.t.http)
        .get(`/api/v1/workspaces/${ws.id}/posts/${postId}`)
        .set(auth(ws.members.marketer))
        .expect(200);
      expect(res.body).toMatchObject({ revision: 2, media: [] });
    });
    await context.close();
  });
});
