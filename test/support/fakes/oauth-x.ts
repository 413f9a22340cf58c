import { FakeOAuthServer, json } from './oauth-authorization-server';

export const X_USER = { id: '1460000000000000001', name: 'Bank Example', username: 'bankexample' };

/**
 * X OAuth 2.0 with PKCE for a confidential client: `x.com/i/oauth2/authorize` (S256
 * code_challenge required), `api.x.com/2/oauth2/token` with HTTP Basic client
 * authentication; two-hour access tokens and, with `offline.access`, refresh tokens that are
 * rotated on use. `/2/users/me` returns the authorising user.
 */
export function fakeXOAuth(publicUrl: string): FakeOAuthServer {
  return new FakeOAuthServer(
    {
      clientId: 'x-client',
      clientSecret: 'x-secret-0123456789',
      redirectUri: `${publicUrl}/api/v1/oauth/x/callback`,
      authorizePath: '/i/oauth2/authorize',
      tokenPath: '/2/oauth2/token',
      clientAuth: 'basic',
      pkceRequired: true,
      accessTtl: 7200,
      refreshTokens: true,
      rotateRefreshTokens: true,
      tokenResponse: ({ accessToken, refreshToken }) => ({
        token_type: 'bearer',
        expires_in: 7200,
        access_token: accessToken,
        scope: 'tweet.read tweet.write users.read offline.access media.write',
        refresh_token: refreshToken,
      }),
    },
    (req, url, res, server) => {
      if (req.method !== 'GET' || url.pathname !== '/2/users/me') return false;
      if (server.bearerScope(req) === null) {
        json(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
        return true;
      }
      json(res, 200, { data: X_USER });
      return true;
    },
  );
}
