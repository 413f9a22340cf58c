import type { ChannelTarget } from '../entities/channel-target.entity';

export const HEALTH_STATUSES = ['connected', 'expiring', 'needs_reconnect'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface ChannelHealth {
  status: HealthStatus;
  expiresAt: string | null;
  reason: string | null;
}

/** A token that cannot be refreshed is shown as expiring this long before it stops working. */
export const EXPIRING_WITHIN_MS = 7 * 24 * 3600_000;

/** Why an expired token that cannot be refreshed needs a reconnect (not the network's words: it said nothing). */
export const TOKEN_EXPIRED_REASON = 'token_expired';

type HealthFacts = Pick<
  ChannelTarget,
  'connectionStatus' | 'connectionReason' | 'tokenExpiresAt' | 'refreshTokenSealed'
>;

/**
 * What publishers see of a target's connection. A token with a refresh token is renewed by
 * the sweep and stays `connected`; one without (a Meta long-lived token, a pasted token) is
 * `expiring` in its last week and `needs_reconnect` once past.
 */
export function channelHealth(target: HealthFacts, now: Date): ChannelHealth {
  const expiresAt = target.tokenExpiresAt ? target.tokenExpiresAt.toISOString() : null;
  if (target.connectionStatus === 'needs_reconnect') {
    return { status: 'needs_reconnect', expiresAt, reason: target.connectionReason };
  }
  if (target.tokenExpiresAt && target.refreshTokenSealed === null) {
    const left = target.tokenExpiresAt.getTime() - now.getTime();
    if (left <= 0) return { status: 'needs_reconnect', expiresAt, reason: TOKEN_EXPIRED_REASON };
    if (left <= EXPIRING_WITHIN_MS) return { status: 'expiring', expiresAt, reason: null };
  }
  return { status: 'connected', expiresAt, reason: null };
}
