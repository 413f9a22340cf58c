import { createServer } from 'node:net';
import { ChannelConnections } from '../../src/publishing/connections/channel-connections.service';
import { createBrand } from '../support/fixtures';
import type { FakeOAuthServer } from '../support/fakes/oauth-authorization-server';
import { fakeXOAuth, X_USER } from '../support/fakes/oauth-x';
import { createWorkspace, type TestWorkspace } from '../support/test-app';
import {
  type BrowserApp,
  eventually,
  expectAccessible,
  screenshot,
  signedIn,
  startBrowserApp,
} from './support/browser-app';

/**
 * A port free right now, so that PUBLIC_URL (and the redirect
 * URI registered at the fake) is known before the app starts.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('Web app: connecting a social account (browser)', () => {
  let app: BrowserApp;
  let x: FakeOAuthServer;
  let ws: TestWorkspace;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    x = await fakeXOAuth(publicUrl).start();
    app = await startBrowserApp(
      {
        PUBLIC_URL: publicUrl,
        X_CLIENT_ID: x.profile.clientId,
        X_CLIENT_SECRET: x.profile.clientSecret,
        X_OAUTH_URL: `${x.baseUrl}/i/oauth2`,
        X_API_URL: x.baseUrl,
      },
      port,
    );
    ws = await createWorkspace(app.t, { publisher: ['publisher'], admin: ['admin'] });
    await createBrand(app.t, ws.id, ws.members.admin, { name: 'Acme Bank' });
  });
  afterAll(async () => {
    await app?.close();
    await x?.stop();
  });

  it('connects X through the sign-in at the network, shows the health, and asks for a reconnect once the network refuses the token', async () => {
    const { context, page } = await signedIn(app, ws.members.publisher.email);
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('heading', { name: 'Acme Bank' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Connect X' }).click();
    await page.getByRole('status').filter({ hasText: 'The account is connected.' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: X_USER.id });
    await row.getByText('Connected', { exact: true }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'channels');

    x.revokeAllRefreshTokens();
    await app.t.dataSource.query(
      `UPDATE channel_targets SET token_expires_at = now() + interval '1 minute' WHERE workspace_id = $1`,
      [ws.id],
    );
    await app.t.app.get(ChannelConnections).refreshDue();
    await eventually(async () => {
      await page.reload();
      await page.getByText(/Needs reconnecting: invalid_grant/).waitFor({ timeout: 2000 });
    });
    await expectAccessible(page);

    await page.getByRole('button', { name: /Reconnect/ }).click();
    await page.getByRole('status').filter({ hasText: 'The account is connected.' }).waitFor();
    await page.getByRole('row').filter({ hasText: X_USER.id }).getByText('Connected', { exact: true }).waitFor();
    await context.close();
  });

  it('tells the member when they cancelled at the network', async () => {
    const { context, page } = await signedIn(app, ws.members.admin.email);
    await page.goto('/channels');
    x.denyNextAuthorization();
    await page.getByRole('button', { name: /Reconnect/ }).click();
    await page.getByRole('alert').filter({ hasText: 'access was not granted' }).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
