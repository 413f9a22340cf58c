import { randomBytes } from 'node:crypto';
import { FakeOAuthServer, json } from './oauth-authorization-server';

export interface MetaPage {
  id: string;
  name: string;
  instagram?: { id: string; username: string };
}

export const META_APP = { id: 'meta-app', secret: 'meta-secret-0123456789' };

/**
 * Facebook Login for a Meta app: the login dialog (`/v21.0/dialog/oauth`), the code exchange
 * on the Graph API (`/oauth/access_token` with client_id and client_secret; no PKCE, no
 * refresh token, a short-lived user token), the long-lived exchange
 * (`grant_type=fb_exchange_token`, 60 days) and `/me/accounts` listing the user's pages with
 * their page tokens and linked Instagram business accounts, paginated with `paging.next`.
 * Errors are Graph API errors: `{ error: { message, type, code } }`.
 */
export function fakeMetaOAuth(
  publicUrl: string,
  pages: MetaPage[],
): FakeOAuthServer & { longLivedTokens: Set<string>; pageTokens: Map<string, string> } {
  const longLivedTokens = new Set<string>();
  const pageTokens = new Map<string, string>();
  const server = new FakeOAuthServer(
    {
      clientId: META_APP.id,
      clientSecret: META_APP.secret,
      redirectUri: `${publicUrl}/api/v1/oauth/meta/callback`,
      authorizePath: '/v21.0/dialog/oauth',
      tokenPath: '/v21.0/oauth/access_token',
      clientAuth: 'post',
      pkceRequired: false,
      accessTtl: 5400,
      refreshTokens: false,
      rotateRefreshTokens: false,
      tokenResponse: ({ accessToken }) => ({ access_token: accessToken, token_type: 'bearer', expires_in: 5400 }),
    },
    (req, url, res, self) => {
      if (req.method === 'GET' && url.pathname === '/v21.0/oauth/access_token') {
        const q = url.searchParams;
        if (q.get('client_id') !== META_APP.id || q.get('client_secret') !== META_APP.secret) {
          json(res, 400, { error: { message: 'Error validating client secret.', type: 'OAuthException', code: 1 } });
          return true;
        }
        const short = self.accessTokens.get(q.get('fb_exchange_token') ?? '');
        if (q.get('grant_type') !== 'fb_exchange_token' || !short) {
          json(res, 400, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
          return true;
        }
        const token = self.issueAccessToken(short.scope, 5184000);
        longLivedTokens.add(token);
        json(res, 200, { access_token: token, token_type: 'bearer', expires_in: 5184000 });
        return true;
      }
      if (req.method === 'GET' && url.pathname === '/v21.0/me/accounts') {
        const bearer =
          /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('access_token') ?? '';
        if (!longLivedTokens.has(bearer) && self.accessTokens.get(bearer) === undefined) {
          json(res, 400, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
          return true;
        }
        const after = Number(url.searchParams.get('after') ?? 0);
        const limit = 2; // small pages so that tests follow paging.next
        const slice = pages.slice(after, after + limit).map((page) => {
          const token = pageTokens.get(page.id) ?? `page-${randomBytes(8).toString('hex')}`;
          pageTokens.set(page.id, token);
          return {
            id: page.id,
            name: page.name,
            access_token: token,
            ...(page.instagram ? { instagram_business_account: page.instagram } : {}),
          };
        });
        const next =
          after + limit < pages.length ? `${self.baseUrl}/v21.0/me/accounts?after=${after + limit}` : undefined;
        json(res, 200, {
          data: slice,
          paging: { cursors: { before: String(after), after: String(after + limit) }, ...(next ? { next } : {}) },
        });
        return true;
      }
      return false;
    },
  );
  return Object.assign(server, { longLivedTokens, pageTokens });
}
