import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { redisOptionsFromUrl } from '../../queue/redis-options';

/**
 * Takes one attempt from both budgets unless either is spent: `{ allowed, addressCount,
 * accountCount, msLeft }`. A budget counts failures: a successful login gives its attempt back.
 */
const RESERVE = `
local limits = { tonumber(ARGV[2]), tonumber(ARGV[3]) }
for i = 1, 2 do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used >= limits[i] then return { 0, i, redis.call('PTTL', KEYS[i]) } end
end
local counts = {}
for i = 1, 2 do
  counts[i] = redis.call('INCR', KEYS[i])
  if counts[i] == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
end
return { 1, counts[1], counts[2] }`;

const RELEASE = `
for i = 1, 2 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1`;

export type LimitScope = 'address' | 'account';

export type Reservation =
  | { allowed: true; addressCount: number; accountCount: number }
  | { allowed: false; scope: LimitScope; retryAfterSeconds: number };

/**
 * Login attempt budgets in Redis, shared by every instance: one per client address (across
 * all e-mails: a spray from one place stops) and one per account (across all addresses: a
 * botnet guessing one password stops). Only failures spend a budget, so colleagues behind
 * one NAT address do not lock each other out by logging in.
 *
 * If Redis cannot answer, the attempt is let through and logged: logins keep working in an
 * outage, and argon2 still makes each guess slow.
 */
@Injectable()
export class LoginLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(LoginLimiter.name);
  private readonly redis: Redis;
  readonly windowMs: number;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.windowMs = config.LOGIN_RATE_WINDOW_SECONDS * 1000;
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      keyPrefix: `${config.QUEUE_PREFIX}:login:`,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    // Connection errors surface as failed commands below; the client keeps reconnecting.
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  get limits(): { address: number; account: number } {
    return { address: this.config.LOGIN_ADDRESS_LIMIT, account: this.config.LOGIN_ACCOUNT_LIMIT };
  }

  async reserve(address: string, email: string): Promise<Reservation> {
    try {
      const [allowed, a, b] = (await this.redis.eval(
        RESERVE,
        2,
        addressKey(address),
        accountKey(email),
        this.windowMs,
        this.limits.address,
        this.limits.account,
      )) as [number, number, number];
      if (allowed === 1) return { allowed: true, addressCount: a, accountCount: b };
      return {
        allowed: false,
        scope: a === 1 ? 'address' : 'account',
        retryAfterSeconds: Math.max(1, Math.ceil(b / 1000)),
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'login limit store unavailable; letting the attempt through');
      return { allowed: true, addressCount: 0, accountCount: 0 };
    }
  }

  /** A successful login gives back the attempt it reserved. */
  async release(address: string, email: string): Promise<void> {
    try {
      await this.redis.eval(RELEASE, 2, addressKey(address), accountKey(email));
    } catch {
      // The budget refills when its window ends anyway.
    }
  }

  /**
   * True for the first call with this key in a window: failed logins are written to the
   * audit trail once per account (or unknown-account address) per window, not per attempt.
   * True as well when Redis is down: better one row too many than a silent failure.
   */
  async firstInWindow(key: string): Promise<boolean> {
    try {
      return (await this.redis.set(`seen:${key}`, '1', 'PX', this.windowMs, 'NX')) === 'OK';
    } catch {
      return true;
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

function addressKey(address: string): string {
  return `address:${address}`;
}

function accountKey(email: string): string {
  return `account:${email.toLowerCase()}`;
}
