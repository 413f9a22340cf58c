import { channelHealth, EXPIRING_WITHIN_MS } from './channel-health';

describe('channelHealth', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const day = 24 * 3600_000;
  const base = {
    connectionStatus: 'connected' as const,
    connectionReason: null,
    tokenExpiresAt: null,
    refreshTokenSealed: null,
  };

  it('is connected for a target without an expiring token (webhook, Meta page token)', () => {
    expect(channelHealth(base, now)).toEqual({ status: 'connected', expiresAt: null, reason: null });
  });

  it('is expiring in the last 7 days of a token that cannot be refreshed', () => {
    const at = new Date(now.getTime() + EXPIRING_WITHIN_MS - 1);
    expect(channelHealth({ ...base, tokenExpiresAt: at }, now)).toEqual({
      status: 'expiring',
      expiresAt: at.toISOString(),
      reason: null,
    });
    expect(channelHealth({ ...base, tokenExpiresAt: new Date(now.getTime() + 8 * day) }, now).status).toBe('connected');
  });

  it('stays connected when a refresh token will renew it', () => {
    expect(
      channelHealth({ ...base, tokenExpiresAt: new Date(now.getTime() + day), refreshTokenSealed: 'v1:x' }, now).status,
    ).toBe('connected');
  });

  it('needs a reconnect once an unrefreshable token has expired, or when the network refused it (with its reason)', () => {
    expect(channelHealth({ ...base, tokenExpiresAt: new Date(now.getTime() - 1) }, now)).toMatchObject({
      status: 'needs_reconnect',
      reason: 'token_expired',
    });
    expect(
      channelHealth({ ...base, connectionStatus: 'needs_reconnect', connectionReason: 'invalid_grant: revoked' }, now),
    ).toEqual({
      status: 'needs_reconnect',
      expiresAt: null,
      reason: 'invalid_grant: revoked',
    });
  });
});
