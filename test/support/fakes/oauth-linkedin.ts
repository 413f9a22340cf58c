import { FakeOAuthServer, json } from './oauth-authorization-server';

export interface LinkedInOrganisation {
  id: string;
  localizedName: string;
}

/**
 * LinkedIn's 3-legged OAuth (www.linkedin.com/oauth/v2: `authorization`, `accessToken` with
 * the client secret in the form; PKCE is for native apps only) and the two REST calls used
 * while connecting: `organizationAcls?q=roleAssignee` (the organisations the member
 * administers) and `organizations/{id}`, both requiring `LinkedIn-Version` and
 * `X-Restli-Protocol-Version: 2.0.0`. Token responses follow LinkedIn's documentation: no
 * `token_type`; 60-day access tokens; 365-day refresh tokens that are not rotated.
 */
export function fakeLinkedInOAuth(publicUrl: string, organisations: LinkedInOrganisation[]): FakeOAuthServer {
  return new FakeOAuthServer(
    {
      clientId: 'linkedin-client',
      clientSecret: 'linkedin-secret-0123456789',
      redirectUri: `${publicUrl}/api/v1/oauth/linkedin/callback`,
      authorizePath: '/oauth/v2/authorization',
      tokenPath: '/oauth/v2/accessToken',
      clientAuth: 'post',
      pkceRequired: false,
      accessTtl: 5184000,
      refreshTokens: true,
      rotateRefreshTokens: false,
      tokenResponse: ({ accessToken, refreshToken }) => ({
        access_token: accessToken,
        expires_in: 5184000,
        refresh_token: refreshToken,
        refresh_token_expires_in: 31536000,
        scope: 'r_organization_social,w_organization_social',
      }),
    },
    (req, url, res, server) => {
      if (!url.pathname.startsWith('/rest/')) return false;
      if (!req.headers['linkedin-version'] || req.headers['x-restli-protocol-version'] !== '2.0.0') {
        json(res, 400, { status: 400, message: 'LinkedIn-Version and X-Restli-Protocol-Version: 2.0.0 are required' });
        return true;
      }
      if (server.bearerScope(req) === null) {
        json(res, 401, {
          status: 401,
          serviceErrorCode: 65600,
          code: 'INVALID_ACCESS_TOKEN',
          message: 'Invalid access token',
        });
        return true;
      }
      if (url.pathname === '/rest/organizationAcls' && url.searchParams.get('q') === 'roleAssignee') {
        const start = Number(url.searchParams.get('start') ?? 0);
        const count = Number(url.searchParams.get('count') ?? 10);
        const page = organisations.slice(start, start + count);
        json(res, 200, {
          paging: { start, count, total: organisations.length, links: [] },
          elements: page.map((o) => ({
            organization: `urn:li:organization:${o.id}`,
            role: 'ADMINISTRATOR',
            state: 'APPROVED',
            roleAssignee: 'urn:li:person:abc',
          })),
        });
        return true;
      }
      const org = /^\/rest\/organizations\/(\d+)$/.exec(url.pathname);
      const found = org ? organisations.find((o) => o.id === org[1]) : undefined;
      if (found) {
        json(res, 200, {
          id: Number(found.id),
          localizedName: found.localizedName,
          vanityName: found.localizedName.toLowerCase(),
        });
        return true;
      }
      json(res, 404, { status: 404, message: 'Not found' });
      return true;
    },
  );
}
