import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { redisOptionsFromUrl } from '../../queue/redis-options';

/** Counts a hit and opens a block once over the limit, atomically: `{ hits, msToExpire, msBlocked }`. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked }`;

/**
 * Login attempts counted in Redis, so every instance behind a load balancer shares one count
 * (an in-memory counter would give an attacker N times the attempts with N instances). If
 * Redis cannot answer, the attempt is let through and logged: logins keep working in an
 * outage, and argon2 still makes each guess slow.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      keyPrefix: `${config.QUEUE_PREFIX}:throttle:`,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    // Connection errors surface as failed commands below; the client keeps reconnecting.
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    try {
      const [hits, msToExpire, msBlocked] = (await this.redis.eval(
        INCREMENT,
        2,
        `${throttlerName}:${key}`,
        `${throttlerName}:${key}:blocked`,
        ttl,
        limit,
        blockDuration,
      )) as [number, number, number];
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(msToExpire / 1000)),
        isBlocked: msBlocked > 0,
        timeToBlockExpire: Math.max(0, Math.ceil(msBlocked / 1000)),
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'rate-limit store unavailable; letting the attempt through');
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
