/**
 * The calendar drag-and-drop journey. It needs `POST .../posts/:id/reschedule` (the API
 * branch): once that is merged, rename this file to `calendar.e2e-spec.ts` so jest runs it.
 */
import request from 'supertest';
import { createBrand, createPost } from '../support/fixtures';
import { auth, createWorkspace, type TestWorkspace } from '../support/test-app';
import { DE_BANK_PROFILE } from '../support/workflow-fixtures';
import { type BrowserApp, eventually, expectAccessible, signedIn, startBrowserApp } from './support/browser-app';
import type { Page } from 'playwright-core';

/** A day of the visible month grid, `days` after today, at 10:00 Berlin time. */
function day(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Drags like a person: press, move in steps (FullCalendar needs pointer moves), release. */
async function drag(page: Page, title: string, toDate: string): Promise<void> {
  const from = await page.locator('.event', { hasText: title }).boundingBox();
  const to = await page.locator(`[data-date="${toDate}"]`).first().boundingBox();
  if (!from || !to) throw new Error(`cannot drag ${title} to ${toDate}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 5, from.y + from.height / 2 + 5, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

describe('Web app: rescheduling on the calendar (browser)', () => {
  let app: BrowserApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startBrowserApp();
    ws = await createWorkspace(app.t, { marketer: ['marketer'], reviewer: ['reviewer'], admin: ['admin'] });
    const brand = await createBrand(app.t, ws.id, ws.members.admin, { profile: DE_BANK_PROFILE });
    const base = { brandId: brand.id, locale: 'de-DE', productCategory: 'deposit', communicationType: 'retail', audience: 'retail', channels: ['instagram'] };
    await createPost(app.t, ws.id, ws.members.marketer, {
      ...base,
      title: 'Draft to move',
      body: 'Tagesgeld.',
      jurisdictions: ['DE'],
      scheduledAt: `${day(1)}T10:00:00`,
      timezone: 'Europe/Berlin',
    });
    const approved = await createPost(app.t, ws.id, ws.members.marketer, {
      ...base,
      title: 'Approved post',
      body: 'Tagesgeld bei der Test Bank.',
      jurisdictions: ['DE'],
      scheduledAt: `${day(2)}T10:00:00`,
      timezone: 'Europe/Berlin',
    });
    await request(app.t.http).post(`/api/v1/workspaces/${ws.id}/posts/${approved.id}/submit`).set(auth(ws.members.marketer)).send({ revision: 1 }).expect(201);
    await request(app.t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts/${approved.id}/decisions`)
      .set(auth(ws.members.reviewer))
      .send({ revision: 1, stage: 'compliance', decision: 'approve' })
      .expect(201);
  });
  afterAll(() => app?.close());

  it('moves a draft at once, and asks before voiding the approvals of an approved post', async () => {
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.locator('.event', { hasText: 'Draft to move' }).waitFor();
    await drag(page, 'Draft to move', day(3));
    await eventually(async () => {
      const list = await request(app.t.http)
        .get(`/api/v1/workspaces/${ws.id}/calendar`)
        .query({ from: `${day(3)}T00:00:00Z`, to: `${day(4)}T00:00:00Z` })
        .set(auth(ws.members.marketer));
      expect(list.body.items.map((p: { title: string }) => p.title)).toContain('Draft to move');
    });

    await drag(page, 'Approved post', day(4));
    const dialog = page.getByRole('dialog', { name: 'Moving this post voids its approvals' });
    await dialog.waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Keep the date' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const kept = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/calendar`)
      .query({ from: `${day(2)}T00:00:00Z`, to: `${day(3)}T00:00:00Z` })
      .set(auth(ws.members.marketer));
    expect(kept.body.items.map((p: { title: string }) => p.title)).toContain('Approved post');

    await drag(page, 'Approved post', day(4));
    await dialog.getByRole('button', { name: 'Move and void approvals' }).click();
    await eventually(async () => {
      const moved = await request(app.t.http)
        .get(`/api/v1/workspaces/${ws.id}/calendar`)
        .query({ from: `${day(4)}T00:00:00Z`, to: `${day(5)}T00:00:00Z` })
        .set(auth(ws.members.marketer));
      expect(moved.body.items.map((p: { title: string }) => p.title)).toContain('Approved post');
    });
    await context.close();
  });
});
