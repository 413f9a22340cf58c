import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { NOTIFICATION_QUEUE, PUBLISH_QUEUE } from './queue.constants';
import { redisOptionsFromUrl } from './redis-options';

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        redis: redisOptionsFromUrl(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue({ name: PUBLISH_QUEUE }, { name: NOTIFICATION_QUEUE }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
