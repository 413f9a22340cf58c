import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisThrottlerStorage } from './redis-throttler.storage';

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class ThrottlerStoreModule {}

/** The login rate limit: LOGIN_RATE_LIMIT attempts per window, counted across all instances. */
export const LoginThrottlingModule = ThrottlerModule.forRootAsync({
  imports: [ThrottlerStoreModule],
  inject: [APP_CONFIG, RedisThrottlerStorage],
  useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
    throttlers: [{ name: 'login', ttl: config.LOGIN_RATE_WINDOW_SECONDS * 1000, limit: config.LOGIN_RATE_LIMIT }],
    storage,
  }),
});
