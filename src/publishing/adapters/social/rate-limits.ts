import type { NetworkAdapterKind } from '../channel-adapter';

/** At most `calls` posts per `seconds`, per connected account; the bucket holds `calls` tokens. */
export interface RateLimit {
  calls: number;
  seconds: number;
}

/**
 * Posts per account, from each network's documentation (kept below the stated limit):
 * - LinkedIn: 150 posts a day per member/organisation ("Posts API" rate limits, Marketing API
 *   "Rate limits" page: member-level daily limit of 150 requests for share creation).
 * - Facebook: Page posts count against the Page's Business Use Case limit (4,800 calls x
 *   engaged users a day); Meta advises spreading bursts; Preclear allows 200 posts an hour.
 * - Instagram: 100 API-published posts in a rolling 24 hours (`content_publishing_limit`,
 *   which the adapter also reads before every publish).
 * - X: `POST /2/tweets` 100 requests per 15 minutes per user (Pro; lower tiers are lower: set
 *   SOCIAL_RATE_LIMITS to the tier bought).
 */
export const DEFAULT_RATE_LIMITS: Record<NetworkAdapterKind, RateLimit> = {
  linkedin: { calls: 150, seconds: 86_400 },
  facebook: { calls: 200, seconds: 3_600 },
  instagram: { calls: 100, seconds: 86_400 },
  x: { calls: 100, seconds: 900 },
};

/** `x=50/900,linkedin=100/86400`: overrides per network; the others keep their default. */
export function parseRateLimits(value: string): Record<NetworkAdapterKind, RateLimit> {
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(linkedin|facebook|instagram|x)=(\d+)\/(\d+)$/.exec(part);
    if (!match) throw new Error(`SOCIAL_RATE_LIMITS: "${part}" is not network=calls/seconds`);
    const calls = Number(match[2]);
    const seconds = Number(match[3]);
    if (calls < 1 || seconds < 1) throw new Error(`SOCIAL_RATE_LIMITS: "${part}" needs at least 1 call per 1 second`);
    limits[match[1] as NetworkAdapterKind] = { calls, seconds };
  }
  return limits;
}
