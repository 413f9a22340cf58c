import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { redisOptionsFromUrl } from '../../queue/redis-options';

/**
 * Budgets of password reset requests in Redis, shared by every instance: per client address
 * (a flood from one place gets 429) and per e-mail address (a mailbox is not bombed; further
 * requests still get the same 202, they just send nothing). Redis down: let through, logged.
 */
@Injectable()
export class ResetLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(ResetLimiter.name);
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      keyPrefix: `${config.QUEUE_PREFIX}:password-reset:`,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  /**
   * Counts one request: whether the address and the account are still within their budgets, and seconds to wait if not.
   */
  async take(
    address: string,
    email: string,
  ): Promise<{ addressOk: boolean; accountOk: boolean; retryAfterSeconds: number }> {
    const windowMs = this.config.PASSWORD_RESET_WINDOW_SECONDS * 1000;
    try {
      const [a, b] = await Promise.all([
        this.count(`address:${address}`, windowMs),
        this.count(`account:${email.toLowerCase()}`, windowMs),
      ]);
      return {
        addressOk: a.count <= this.config.PASSWORD_RESET_ADDRESS_LIMIT,
        accountOk: b.count <= this.config.PASSWORD_RESET_ACCOUNT_LIMIT,
        retryAfterSeconds: Math.max(1, Math.ceil(a.ttlMs / 1000)),
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'password reset limit store unavailable; letting the request through');
      return { addressOk: true, accountOk: true, retryAfterSeconds: 0 };
    }
  }

  private async count(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
    const result = await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
    if (!result) throw new Error('transaction aborted');
    return { count: Number(result[0][1]), ttlMs: Number(result[2][1]) };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
