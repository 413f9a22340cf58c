/// <reference lib="dom" />
import runAxe from './axe';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../support/test-app';

export const PASSWORD = 'test-password-123';
const SCREENSHOT_DIR = resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');

export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * One served app and one Chromium per spec file: Debian's chromium (the version Playwright
 * 1.64 drives), never a downloaded browser.
 */
export async function startBrowserApp(env: Record<string, string> = {}, port = 0): Promise<BrowserApp> {
  const t = await startTestApp(env);
  await t.app.listen(port, '127.0.0.1');
  const { port: listening } = t.http.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
  return {
    t,
    browser,
    baseUrl: `http://127.0.0.1:${listening}`,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** A fresh browser profile (own cookies and storage) signed in as this member. */
export async function signedIn(
  app: BrowserApp,
  email: string,
  language = 'en',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({
    baseURL: app.baseUrl,
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
  });
  await context.addInitScript((lang) => {
    if (!localStorage.getItem('preclear.language')) localStorage.setItem('preclear.language', lang);
  }, language);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/password|passwort/i).fill(PASSWORD);
  await page.getByRole('button', { name: /^(sign in|anmelden)$/i }).click();
  await page.getByRole('navigation').waitFor();
  return { context, page };
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await runAxe(page);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** With SCREENSHOTS=1 the suite writes the README's screenshots; otherwise it leaves the tree alone. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Retries an assertion until it holds (the page updates asynchronously), failing with its last error after 10 s. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
