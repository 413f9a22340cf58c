import * as oauth from 'oauth4webapi';
import { NetworkUnavailableError } from './guarded-fetch';
import type { OAuthProfile } from './oauth-networks';

/** Tokens as a network issued them; kept in memory only until they are sealed. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
}

/** The authorisation server refused (RFC 6749 §5.2): `invalid_grant` means the member must connect again. */
export class OAuthRefusedError extends Error {
  constructor(
    readonly error: string,
    readonly description: string | null,
  ) {
    super(`oauth refused: ${error}`);
    this.name = 'OAuthRefusedError';
  }
}

/** The network's own words, shortened to what a channel can show. */
export function refusalReason(error: OAuthRefusedError): string {
  return (error.description ? `${error.error}: ${error.description}` : error.error).slice(0, 500);
}

/**
 * The authorisation-code and refresh grants of one network, by oauth4webapi (which checks
 * state, PKCE and the token response). Plain http endpoints are accepted only because the
 * operator configured them (tests, a local proxy).
 */
export class OAuthClient {
  private readonly as: oauth.AuthorizationServer;
  private readonly client: oauth.Client;
  private readonly auth: oauth.ClientAuth;

  constructor(
    private readonly profile: OAuthProfile,
    private readonly fetcher: typeof fetch,
  ) {
    this.as = {
      issuer: new URL(profile.authorizationEndpoint).origin,
      authorization_endpoint: profile.authorizationEndpoint,
      token_endpoint: profile.tokenEndpoint,
    };
    this.client = { client_id: profile.clientId };
    this.auth =
      profile.clientAuth === 'basic'
        ? oauth.ClientSecretBasic(profile.clientSecret)
        : oauth.ClientSecretPost(profile.clientSecret);
  }

  /** Where the member's browser goes; `codeChallenge` only for networks with PKCE. */
  authorizationUrl(redirectUri: string, state: string, codeChallenge: string | null): string {
    const url = new URL(this.profile.authorizationEndpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.profile.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', this.profile.scope);
    url.searchParams.set('state', state);
    if (codeChallenge) {
      url.searchParams.set('code_challenge', codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return url.toString();
  }

  async exchangeCode(
    callback: URLSearchParams,
    expectedState: string,
    redirectUri: string,
    codeVerifier: string | null,
  ): Promise<IssuedTokens> {
    return this.call(async () => {
      const params = oauth.validateAuthResponse(this.as, this.client, callback, expectedState);
      const response = await oauth.authorizationCodeGrantRequest(
        this.as,
        this.client,
        this.auth,
        params,
        redirectUri,
        codeVerifier ?? oauth.nopkce,
        this.options(),
      );
      return oauth.processAuthorizationCodeResponse(this.as, this.client, response);
    });
  }

  async refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.call(async () => {
      const response = await oauth.refreshTokenGrantRequest(
        this.as,
        this.client,
        this.auth,
        refreshToken,
        this.options(),
      );
      return oauth.processRefreshTokenResponse(this.as, this.client, response);
    });
  }

  private options(): oauth.TokenEndpointRequestOptions {
    return {
      [oauth.allowInsecureRequests]: new URL(this.profile.tokenEndpoint).protocol === 'http:',
      [oauth.customFetch]: this.profile.tokenTypeMissing ? withBearerTokenType(this.fetcher) : this.fetcher,
    };
  }

  private async call(grant: () => Promise<oauth.TokenEndpointResponse>): Promise<IssuedTokens> {
    try {
      const tokens = await grant();
      return {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        expiresAt: typeof tokens.expires_in === 'number' ? new Date(Date.now() + tokens.expires_in * 1000) : null,
      };
    } catch (error) {
      throw translate(error);
    }
  }
}

function translate(error: unknown): Error {
  if (error instanceof NetworkUnavailableError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    if (error.status >= 500) return new NetworkUnavailableError(`token endpoint answered ${error.status}`);
    return new OAuthRefusedError(error.error, error.error_description ?? null);
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    return new OAuthRefusedError(error.error, error.error_description ?? null);
  }
  // A non-conforming answer (an HTML error page) comes with the response as its cause.
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response && error.cause.status >= 500) {
    return new NetworkUnavailableError(`token endpoint answered ${error.cause.status}`);
  }
  return new OAuthRefusedError('invalid_response', (error as Error).message.slice(0, 200));
}

/** Adds the `token_type` LinkedIn leaves out of its token responses, so the standard checks can run. */
function withBearerTokenType(fetcher: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await fetcher(input, init);
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return res;
    const body = (await res.json()) as Record<string, unknown>;
    if (body.token_type === undefined) body.token_type = 'bearer';
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
}
