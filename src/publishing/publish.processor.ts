import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PUBLISH_QUEUE } from '../queue/queue.constants';
import { PUBLISH_JOB, type PublishJobData } from '../scheduling/domain/publish-job';
import { PublishRunner, type RunReport } from './publish-runner.service';

/**
 * The worker of the `publish` queue. Its jobs:
 *
 * - `publish` (PUBLISH_JOB): publish one post at its time: claim it, re-check it, send it
 *   to each channel, record and roll up (PublishRunner).
 *
 * Registered by hand rather than with @Processor/@Process: whether this instance works the
 * queue (RUN_WORKERS) and how many jobs it runs at once (WORKER_CONCURRENCY) are per-instance
 * configuration, and decorator arguments are fixed when the class is loaded (tests run
 * several differently configured instances in one process).
 */
@Injectable()
export class PublishProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PublishProcessor.name);
  private working = false;

  constructor(
    @InjectQueue(PUBLISH_QUEUE) private readonly queue: Queue<PublishJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: PublishRunner,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.working = true;
    this.queue
      .process(PUBLISH_JOB, this.config.WORKER_CONCURRENCY, (job: Job<PublishJobData>) => this.publish(job))
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'the publish worker stopped');
      });
  }

  /** Stops taking jobs and lets the ones running finish before the queue is closed. */
  async onModuleDestroy(): Promise<void> {
    if (!this.working) return;
    this.working = false;
    await this.queue
      .pause(true)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'pausing the worker failed'));
  }

  /** Job `publish`: one post, once. */
  publish(job: Job<PublishJobData>): Promise<RunReport> {
    return this.runner.run(job.data);
  }
}
