import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { PUBLISH_QUEUE } from '../../queue/queue.constants';
import { ChannelConnections, type RefreshSweepReport } from './channel-connections.service';

/** The repeatable job that refreshes channel tokens before they expire. */
export const TOKEN_REFRESH_JOB = 'refresh-channel-tokens';

/**
 * Job `refresh-channel-tokens` on the publish queue, repeated every TOKEN_REFRESH_INTERVAL_MS:
 * Bull keeps one schedule for all instances (same repeat key), so the sweep runs once per
 * interval however many workers there are, and a worker that dies mid-sweep is covered by
 * the next run. Refreshing right before a publish covers the rest (ChannelConnections).
 */
@Injectable()
export class TokenRefreshProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(TokenRefreshProcessor.name);

  constructor(
    @InjectQueue(PUBLISH_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: ChannelConnections,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.queue
      .process(TOKEN_REFRESH_JOB, 1, () => this.sweep())
      .catch((error: unknown) => this.logger.error({ err: error }, 'the token refresh worker stopped'));
    this.queue
      .add(
        TOKEN_REFRESH_JOB,
        {},
        { repeat: { every: this.config.TOKEN_REFRESH_INTERVAL_MS }, removeOnComplete: true, removeOnFail: 50 },
      )
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'scheduling the token refresh failed; publishes still refresh on demand'),
      );
  }

  async sweep(): Promise<RefreshSweepReport> {
    const report = await this.connections.refreshDue();
    if (report.refreshed + report.needsReconnect + report.deferred > 0) this.logger.log(report, 'channel tokens swept');
    return report;
  }
}
