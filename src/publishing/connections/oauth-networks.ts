import type { AppConfig } from '../../config/app-config';
import type { NetworkAdapterKind } from '../adapters/channel-adapter';

/** The OAuth authorisation servers: Meta's one app serves both Facebook pages and Instagram business accounts. */
export const OAUTH_PROVIDERS = ['linkedin', 'meta', 'x'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export function providerOf(network: NetworkAdapterKind): OAuthProvider {
  switch (network) {
    case 'linkedin':
      return 'linkedin';
    case 'facebook':
    case 'instagram':
      return 'meta';
    case 'x':
      return 'x';
  }
}

/** How one network's authorisation server is called, from the configuration. */
export interface OAuthProfile {
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /**
   * LinkedIn supports PKCE only for native apps and Meta's web login does not use it, so both
   * authenticate the code exchange with the client secret alone; X requires PKCE (S256).
   */
  pkce: boolean;
  /** X authenticates confidential clients with HTTP Basic; LinkedIn and Meta take the secret in the form. */
  clientAuth: 'basic' | 'post';
  /** Space-separated per RFC 6749, except Meta, whose dialog takes a comma-separated list. */
  scope: string;
  /** LinkedIn's documented token responses omit `token_type` (RFC 6749 requires it): read them as bearer tokens. */
  tokenTypeMissing: boolean;
}

export const LINKEDIN_SCOPES = ['w_organization_social', 'r_organization_social'];
export const META_SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_content_publish',
];
export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];

const trim = (url: string): string => url.replace(/\/+$/, '');

/** The profile of a provider, or null when its client is not configured. */
export function oauthProfile(config: AppConfig, provider: OAuthProvider): OAuthProfile | null {
  switch (provider) {
    case 'linkedin':
      if (!config.LINKEDIN_CLIENT_ID || !config.LINKEDIN_CLIENT_SECRET) return null;
      return {
        provider,
        clientId: config.LINKEDIN_CLIENT_ID,
        clientSecret: config.LINKEDIN_CLIENT_SECRET,
        authorizationEndpoint: `${trim(config.LINKEDIN_OAUTH_URL)}/authorization`,
        tokenEndpoint: `${trim(config.LINKEDIN_OAUTH_URL)}/accessToken`,
        pkce: false,
        clientAuth: 'post',
        scope: LINKEDIN_SCOPES.join(' '),
        tokenTypeMissing: true,
      };
    case 'meta':
      if (!config.META_APP_ID || !config.META_APP_SECRET) return null;
      return {
        provider,
        clientId: config.META_APP_ID,
        clientSecret: config.META_APP_SECRET,
        authorizationEndpoint: `${trim(config.META_OAUTH_URL)}/dialog/oauth`,
        tokenEndpoint: `${trim(config.META_GRAPH_URL)}/${config.META_GRAPH_VERSION}/oauth/access_token`,
        pkce: false,
        clientAuth: 'post',
        scope: META_SCOPES.join(','),
        tokenTypeMissing: false,
      };
    case 'x':
      if (!config.X_CLIENT_ID || !config.X_CLIENT_SECRET) return null;
      return {
        provider,
        clientId: config.X_CLIENT_ID,
        clientSecret: config.X_CLIENT_SECRET,
        authorizationEndpoint: `${trim(config.X_OAUTH_URL)}/authorize`,
        tokenEndpoint: `${trim(config.X_API_URL)}/2/oauth2/token`,
        pkce: true,
        clientAuth: 'basic',
        scope: X_SCOPES.join(' '),
        tokenTypeMissing: false,
      };
  }
}

/**
 * How long before expiry a token is refreshed: a day for LinkedIn's 60-day tokens, ten
 * minutes for X's two-hour ones (the sweep runs every TOKEN_REFRESH_INTERVAL_MS, so the
 * publish path refreshes the rest on demand).
 */
export const REFRESH_WINDOW_MS: Record<OAuthProvider, number> = {
  linkedin: 24 * 3600_000,
  meta: 7 * 24 * 3600_000,
  x: 30 * 60_000,
};
