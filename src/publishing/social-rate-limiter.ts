import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { redisOptionsFromUrl } from '../queue/redis-options';
import type { NetworkAdapterKind } from './adapters/channel-adapter';
import { parseRateLimits, type RateLimit } from './adapters/social/rate-limits';
import { Clock } from '../common/clock/clock';

/**
 * A token bucket that hands out slots ahead: refills `rate` tokens per ms up to `capacity`,
 * always takes one (the count may go negative: slots reserved in the future) and answers how
 * long the caller must wait for its slot. A caller that will not wait that long gives it back.
 */
const RESERVE = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + (now - at) * rate)
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1000)
if tokens >= 0 then return 0 end
return math.ceil(-tokens / rate)`;

const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HINCRBYFLOAT', KEYS[1], 'tokens', 1) end
return 1`;

export type Slot = { kind: 'now' } | { kind: 'later'; at: Date };

/**
 * Per-account publishing rates, shared by every instance through Redis: a burst of due posts
 * on one account is spread out (each call waits for its slot) instead of being refused by the
 * network. A slot further away than SOCIAL_RATE_MAX_WAIT_MS is not waited for in the worker:
 * the post's job is rescheduled at that time. If Redis cannot answer, the call goes ahead
 * (the network's own 429 is still mapped to a later retry).
 */
@Injectable()
export class SocialRateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(SocialRateLimiter.name);
  private readonly redis: Redis;
  private readonly limits: Record<NetworkAdapterKind, RateLimit>;

  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.limits = parseRateLimits(config.SOCIAL_RATE_LIMITS);
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      keyPrefix: `${config.QUEUE_PREFIX}:social-rate:`,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }

  /** Waits for this account's next slot when it is near; otherwise says when it is. */
  async slot(kind: NetworkAdapterKind, targetId: string): Promise<Slot> {
    const limit = this.limits[kind];
    const key = `${kind}:${targetId}`;
    let waitMs: number;
    try {
      waitMs = Number(
        await this.redis.eval(
          RESERVE,
          1,
          key,
          limit.calls,
          limit.calls / (limit.seconds * 1000),
          this.clock.now().getTime(),
        ),
      );
    } catch (error) {
      this.logger.warn({ err: error, targetId }, 'rate limit unavailable; calling the network without it');
      return { kind: 'now' };
    }
    if (waitMs <= 0) return { kind: 'now' };
    if (waitMs <= this.config.SOCIAL_RATE_MAX_WAIT_MS) {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      return { kind: 'now' };
    }
    await this.redis.eval(RELEASE, 1, key).catch(() => undefined);
    return { kind: 'later', at: new Date(this.clock.now().getTime() + waitMs) };
  }
}
