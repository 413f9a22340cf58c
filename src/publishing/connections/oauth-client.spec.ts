import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetworkUnavailableError } from './guarded-fetch';
import { OAuthClient, OAuthRefusedError } from './oauth-client';
import type { OAuthProfile } from './oauth-networks';

describe(OAuthClient.name, () => {
  let server: Server;
  let base: string;
  let answer: { status: number; body: string; type?: string };

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const profile = (tokenTypeMissing: boolean): OAuthProfile => ({
    provider: 'linkedin',
    clientId: 'id',
    clientSecret: 'secret',
    authorizationEndpoint: `${base}/authorize`,
    tokenEndpoint: `${base}/token`,
    pkce: false,
    clientAuth: 'post',
    scope: 'a b',
    tokenTypeMissing,
  });

  it('reads a LinkedIn token response without token_type as a bearer token, with its expiry', async () => {
    answer = { status: 200, body: JSON.stringify({ access_token: 'at', expires_in: 3600, refresh_token: 'rt' }) };
    const tokens = await new OAuthClient(profile(true), fetch).refresh('old');
    expect(tokens.accessToken).toBe('at');
    expect(tokens.refreshToken).toBe('rt');
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('reports invalid_grant with the description as a refusal', async () => {
    answer = { status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'token revoked' }) };
    await expect(new OAuthClient(profile(true), fetch).refresh('old')).rejects.toEqual(
      new OAuthRefusedError('invalid_grant', 'token revoked'),
    );
  });

  it('reports a 5xx HTML page as the network being unavailable, not as a refusal', async () => {
    answer = { status: 503, body: '<html>down</html>', type: 'text/html' };
    await expect(new OAuthClient(profile(false), fetch).refresh('old')).rejects.toBeInstanceOf(NetworkUnavailableError);
  });

  it('puts S256 PKCE parameters in the authorisation URL only when given a challenge', () => {
    const client = new OAuthClient(profile(false), fetch);
    const withPkce = new URL(client.authorizationUrl('https://app/cb', 's1', 'challenge'));
    expect(withPkce.searchParams.get('code_challenge_method')).toBe('S256');
    expect(new URL(client.authorizationUrl('https://app/cb', 's1', null)).searchParams.has('code_challenge')).toBe(
      false,
    );
  });
});
