import type { AppConfig } from '../../config/app-config';
import type { NetworkAdapterKind } from '../adapters/channel-adapter';
import { getJson, NetworkUnavailableError } from './guarded-fetch';
import { OAuthRefusedError, type IssuedTokens } from './oauth-client';

/** An account the connected member may publish as, with the token that publishes as it. */
export interface NetworkAccount {
  id: string;
  name: string;
  tokens: IssuedTokens;
}

/** The LinkedIn API version this release speaks (YYYYMM; LinkedIn keeps each for a year). */
export const LINKEDIN_VERSION = '202611';
const trim = (url: string): string => url.replace(/\/+$/, '');
/** Pages of a listing followed at most: a member administering more is an unusual set-up, not a reason to loop. */
const MAX_PAGES = 10;

/**
 * The accounts a freshly authorised member can publish as, per network:
 * LinkedIn: organisations they administer (organizationAcls), with the member's token;
 * Facebook: their pages (`/me/accounts`), each with its page token, after trading the
 * short-lived user token for a long-lived one (page tokens made from it do not expire);
 * Instagram: the business accounts linked to those pages, published with the page token;
 * X: the authorising user themself.
 */
export async function listNetworkAccounts(
  config: AppConfig,
  fetcher: typeof fetch,
  network: NetworkAdapterKind,
  tokens: IssuedTokens,
): Promise<NetworkAccount[]> {
  switch (network) {
    case 'linkedin':
      return linkedInOrganisations(config, fetcher, tokens);
    case 'facebook':
    case 'instagram':
      return metaAccounts(config, fetcher, network, tokens);
    case 'x':
      return xUser(config, fetcher, tokens);
  }
}

async function linkedInOrganisations(
  config: AppConfig,
  fetcher: typeof fetch,
  tokens: IssuedTokens,
): Promise<NetworkAccount[]> {
  const base = trim(config.LINKEDIN_API_URL);
  const headers = { 'LinkedIn-Version': LINKEDIN_VERSION, 'X-Restli-Protocol-Version': '2.0.0' };
  const accounts: NetworkAccount[] = [];
  let start = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = `${base}/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=${start}&count=50`;
    const { status, body } = await getJson(fetcher, url, tokens.accessToken, headers);
    assertOk(status, body);
    const { elements = [], paging } = body as {
      elements?: { organization?: string }[];
      paging?: { total?: number; count?: number };
    };
    for (const element of elements) {
      if (typeof element.organization !== 'string') continue;
      const id = element.organization.split(':').pop() ?? '';
      const org = await getJson(
        fetcher,
        `${base}/rest/organizations/${encodeURIComponent(id)}`,
        tokens.accessToken,
        headers,
      );
      const name = org.status === 200 ? (org.body as { localizedName?: string }).localizedName : undefined;
      accounts.push({ id: element.organization, name: name ?? element.organization, tokens });
    }
    start += elements.length;
    if (elements.length === 0 || paging?.total === undefined || start >= paging.total) break;
  }
  return accounts;
}

interface GraphPage {
  id: string;
  name: string;
  access_token?: string;
  instagram_business_account?: { id: string; username?: string };
}

async function metaAccounts(
  config: AppConfig,
  fetcher: typeof fetch,
  network: 'facebook' | 'instagram',
  tokens: IssuedTokens,
): Promise<NetworkAccount[]> {
  const base = `${trim(config.META_GRAPH_URL)}/${config.META_GRAPH_VERSION}`;
  const exchange = new URL(`${base}/oauth/access_token`);
  exchange.search = new URLSearchParams({
    grant_type: 'fb_exchange_token',
    client_id: config.META_APP_ID ?? '',
    client_secret: config.META_APP_SECRET ?? '',
    fb_exchange_token: tokens.accessToken,
  }).toString();
  const longLived = await getJson(fetcher, exchange.toString(), null);
  assertOk(longLived.status, longLived.body);
  const userToken = (longLived.body as { access_token?: string }).access_token;
  if (typeof userToken !== 'string') {
    throw new OAuthRefusedError('invalid_response', 'no long-lived token in the exchange answer');
  }

  const pages: GraphPage[] = [];
  let next: string | undefined =
    `${base}/me/accounts?fields=id,name,access_token,instagram_business_account{id,username}&limit=100`;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const { status, body } = await getJson(fetcher, next, userToken);
    assertOk(status, body);
    const answer = body as { data?: GraphPage[]; paging?: { next?: string } };
    pages.push(...(answer.data ?? []));
    next = answer.paging?.next;
  }
  // Page tokens obtained with a long-lived user token have no expiry, and Meta issues no refresh token.
  const pageTokens = (page: GraphPage): IssuedTokens => ({
    accessToken: page.access_token ?? '',
    refreshToken: null,
    expiresAt: null,
  });
  const withToken = pages.filter((page) => typeof page.access_token === 'string' && page.access_token.length > 0);
  if (network === 'facebook') {
    return withToken.map((page) => ({ id: page.id, name: page.name, tokens: pageTokens(page) }));
  }
  return withToken
    .filter((page) => page.instagram_business_account?.id)
    .map((page) => ({
      id: page.instagram_business_account!.id,
      name: page.instagram_business_account!.username ?? page.name,
      tokens: pageTokens(page),
    }));
}

async function xUser(config: AppConfig, fetcher: typeof fetch, tokens: IssuedTokens): Promise<NetworkAccount[]> {
  const { status, body } = await getJson(fetcher, `${trim(config.X_API_URL)}/2/users/me`, tokens.accessToken);
  assertOk(status, body);
  const user = (body as { data?: { id?: string; username?: string } }).data;
  if (!user?.id) throw new OAuthRefusedError('invalid_response', 'no user in /2/users/me');
  return [{ id: user.id, name: user.username ? `@${user.username}` : user.id, tokens }];
}

/** A 4xx from a listing is the network refusing this member or token (e.g. a missing permission). */
function assertOk(status: number, body: unknown): void {
  if (status === 200) return;
  if (status === 429) throw new NetworkUnavailableError('rate limited');
  throw new OAuthRefusedError('access_denied', networkMessage(body) ?? `HTTP ${status}`);
}

function networkMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { message?: unknown; error?: { message?: unknown }; detail?: unknown; title?: unknown };
  for (const candidate of [b.error?.message, b.message, b.detail, b.title]) {
    if (typeof candidate === 'string') return candidate.slice(0, 300);
  }
  return null;
}
