import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DEVELOPMENT_SECRETS_KEY } from '../publishing/secret-box';
import { type MediaUrlClaims, signMediaToken, verifyMediaToken } from './domain/media-url-token';
import { Clock } from '../common/clock/clock';

/** The path of signed media URLs, outside /api (no login: the token is the permission). */
export const MEDIA_URL_PATH = 'media';

/**
 * Signs and checks the short-lived media URLs that networks fetching media themselves
 * (Instagram) are given. The key is MEDIA_URL_KEY, or one derived from CHANNEL_SECRETS_KEY
 * (required in production), so every instance of a deployment signs and verifies alike and
 * the channel secrets' key itself never signs anything public.
 */
@Injectable()
export class MediaUrls {
  private readonly key: Buffer;

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = config.MEDIA_URL_KEY
      ? createHash('sha256').update(config.MEDIA_URL_KEY).digest()
      : createHmac('sha256', config.CHANNEL_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY)
          .update('preclear media url key v1')
          .digest();
  }

  /** `<PUBLIC_URL>/media/<token>`, valid for `ttlSeconds` (MEDIA_URL_TTL_SECONDS by default). */
  url(
    workspaceId: string,
    sha256: string,
    ttlSeconds = this.config.MEDIA_URL_TTL_SECONDS,
    now = this.clock.now().getTime(),
  ): string {
    const ttl = Math.max(1, Math.min(Math.floor(ttlSeconds), 7 * 24 * 3600));
    const token = signMediaToken({ sha256, workspaceId, expiresAt: Math.floor(now / 1000) + ttl }, this.key);
    return `${this.config.publicUrl}/${MEDIA_URL_PATH}/${token}`;
  }

  verify(token: string, now = this.clock.now().getTime()): MediaUrlClaims | null {
    return verifyMediaToken(token, this.key, Math.floor(now / 1000));
  }
}
