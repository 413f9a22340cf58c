import request from 'supertest';
import { createBrand, createPost } from '../support/fixtures';
import { auth, createWorkspace, type TestWorkspace } from '../support/test-app';
import { approvePost, DE_BANK_PROFILE } from '../support/workflow-fixtures';
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
    const base = {
      brandId: brand.id,
      locale: 'de-DE',
      productCategory: 'deposit',
      communicationType: 'retail',
      audience: 'retail',
      channels: ['instagram'],
    };
    await createPost(app.t, ws.id, ws.members.marketer, {
      ...base,
      title: 'Draft to move',
      body: 'Tagesgeld.',
      jurisdictions: ['DE'],
      scheduledAt: `${day(1)}T10:00:00`,
      timezone: 'Europe/Berlin',
    });
    await createPost(app.t, ws.id, ws.members.marketer, {
      ...base,
      title: 'Unscheduled idea',
      body: 'Festgeld.',
      jurisdictions: ['DE'],
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
    await approvePost(app.t, ws, approved.id);
    const expiring = await createPost(app.t, ws.id, ws.members.marketer, {
      ...base,
      title: 'Approval runs out',
      body: 'Tagesgeld bei der Test Bank.',
      jurisdictions: ['DE'],
      scheduledAt: `${day(2)}T12:00:00`,
      timezone: 'Europe/Berlin',
    });
    await approvePost(app.t, ws, expiring.id);
    await createPost(app.t, ws.id, ws.members.marketer, {
      ...base,
      title: 'Moved by keyboard',
      body: 'Festgeld.',
      jurisdictions: ['DE'],
      scheduledAt: `${day(1)}T11:30:00`,
      timezone: 'Europe/Berlin',
    });
    // An approval that lapses in three days (validity is counted in weeks): a later date voids it.
    // The table refuses updates (evidence); the owner's session skips its triggers for this one.
    await app.t.owner.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(
        `UPDATE review_decisions SET expires_at = now() + interval '3 days' WHERE post_id = $1 AND decision = 'approve'`,
        [expiring.id],
      );
    });
  });
  afterAll(() => app?.close());

  /** The titles the API lists on that day (Berlin). */
  async function titlesOn(date: string): Promise<string[]> {
    const res = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/calendar`)
      .query({ from: `${date}T00:00:00+01:00`, to: `${date}T23:59:59+01:00` })
      .set(auth(ws.members.marketer))
      .expect(200);
    return (res.body.items as { title: string }[]).map((p) => p.title);
  }

  it('shows the backlog, moves a draft at once, and asks before moving an approved post, saying whether its approvals hold', async () => {
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    await page.locator('.event', { hasText: 'Draft to move' }).waitFor();
    const backlog = page.getByRole('complementary', { name: 'Backlog' });
    await backlog.getByRole('button', { name: 'Unscheduled idea' }).waitFor();
    await backlog.getByText('DE · Draft · marketer').waitFor();
    // Every member may read the member list, so the author filter is there for a marketer too.
    await eventually(async () =>
      expect(await page.getByLabel('Author').locator('option').allTextContents()).toEqual(
        expect.arrayContaining(['admin', 'marketer', 'reviewer']),
      ),
    );
    await drag(page, 'Draft to move', day(3));
    // No dialog: a draft has no approvals to lose.
    await eventually(async () => expect(await titlesOn(day(3))).toContain('Draft to move'));

    await drag(page, 'Approved post', day(4));
    const keeps = page.getByRole('dialog', { name: 'Moving this post keeps its approvals' });
    await keeps.waitFor();
    await expectAccessible(page);
    await keeps.getByRole('button', { name: 'Keep the date' }).click();
    await keeps.waitFor({ state: 'hidden' });
    expect(await titlesOn(day(2))).toEqual(expect.arrayContaining(['Approved post', 'Approval runs out']));
    await page.locator(`[data-date="${day(2)}"] .event`, { hasText: 'Approved post' }).waitFor();

    await drag(page, 'Approved post', day(4));
    await keeps.getByRole('button', { name: 'Move', exact: true }).click();
    await eventually(async () => expect(await titlesOn(day(4))).toContain('Approved post'));
    const moved = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts`)
      .query({ q: 'Approved post' })
      .set(auth(ws.members.marketer));
    expect(moved.body.items).toEqual([expect.objectContaining({ title: 'Approved post', status: 'scheduled' })]);

    await drag(page, 'Approval runs out', day(5));
    const voids = page.getByRole('dialog', { name: 'Moving this post voids its approvals' });
    await voids.waitFor();
    await voids.getByText(/compliance approval expires/i).waitFor();
    await voids.getByRole('button', { name: 'Move and void approvals' }).click();
    await eventually(async () => expect(await titlesOn(day(5))).toContain('Approval runs out'));
    const voided = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts`)
      .query({ q: 'Approval runs out' })
      .set(auth(ws.members.marketer));
    expect(voided.body.items).toEqual([expect.objectContaining({ status: 'draft', revision: 2 })]);
    await context.close();
  });

  it('moves a post with the keyboard: Alt + → a day later, Alt + ↓ a week later, at the same local time', async () => {
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    /** Focuses the entry as Tab would reach it: the focusable element FullCalendar wraps around the cell. */
    const focusEntry = async (date: string) => {
      const cell = page.locator(`[data-date="${date}"] .event`, { hasText: 'Moved by keyboard' });
      await cell.waitFor();
      const focused = await cell.evaluate((el) => {
        const target = el.closest<HTMLElement>('a[href], [tabindex]');
        target?.focus();
        return target !== null && document.activeElement === target;
      });
      expect(focused).toBe(true);
    };
    await page.getByText('Alt + ← or → moves it a day').waitFor();
    await focusEntry(day(1));
    await page.keyboard.press('Alt+ArrowRight');
    await eventually(async () => expect(await titlesOn(day(2))).toContain('Moved by keyboard'));
    await focusEntry(day(2));
    await page.keyboard.press('Alt+ArrowDown');
    await eventually(async () => expect(await titlesOn(day(9))).toContain('Moved by keyboard'));
    const moved = await request(app.t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts`)
      .query({ q: 'Moved by keyboard' })
      .set(auth(ws.members.marketer));
    expect(moved.body.items).toEqual([
      expect.objectContaining({ scheduledLocal: expect.stringMatching(new RegExp(`^${day(9)}T11:30:00\\+01:00$`)) }),
    ]);
    await context.close();
  });

  it('shows three posts in a busy month cell and a "+N more" link that opens the day as a list', async () => {
    const brand = await createBrand(app.t, ws.id, ws.members.admin, { name: 'Busy brand', profile: DE_BANK_PROFILE });
    for (let i = 1; i <= 6; i++) {
      await createPost(app.t, ws.id, ws.members.marketer, {
        brandId: brand.id,
        locale: 'de-DE',
        productCategory: 'deposit',
        communicationType: 'retail',
        audience: 'retail',
        channels: ['instagram'],
        title: `Busy day ${i}`,
        body: 'Tagesgeld.',
        jurisdictions: ['DE'],
        scheduledAt: `${day(6)}T0${i}:00:00`,
        timezone: 'Europe/Berlin',
      });
    }
    const { context, page } = await signedIn(app, ws.members.marketer.email);
    const cell = page.locator(`[data-date="${day(6)}"]`).first();
    await cell.getByText('+3 more').waitFor();
    expect(await cell.locator('.event').allTextContents()).toHaveLength(3);
    await cell.getByText('+3 more').click();
    for (let i = 1; i <= 6; i++) await page.getByText(`Busy day ${i}`).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
