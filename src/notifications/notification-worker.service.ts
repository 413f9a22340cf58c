import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { NOTIFICATION_QUEUE } from '../queue/queue.constants';
import { type DeliveryOutcome, NotificationDelivery } from './delivery/notification-delivery.service';
import { NotificationSweep } from './notification-sweep.service';
import { Clock } from '../common/clock/clock';

const TICK_JOB = 'tick';
const DELIVER_JOB = 'deliver';

/**
 * The `notifications` queue. A repeatable `tick` job (one per interval across all instances:
 * Bull keys repeatable jobs by their schedule) runs the time-driven sweep and turns due
 * outbox rows into `deliver` jobs, whose ids carry the attempt so a retry is a new job and a
 * duplicate add is ignored. Each `deliver` job claims its row in Postgres, so even a job run
 * twice sends once. Retries are the rows' own backoff (due_at), read by the next tick.
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationWorker.name);
  private working = false;

  constructor(
    private readonly clock: Clock,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweep: NotificationSweep,
    private readonly delivery: NotificationDelivery,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.working = true;
    const failed = (error: unknown): void => this.logger.error({ err: error }, 'the notification worker stopped');
    this.queue.process(TICK_JOB, 1, () => this.tick()).catch(failed);
    this.queue
      .process(DELIVER_JOB, Math.min(8, this.config.WORKER_CONCURRENCY), (job: Job<{ id: string }>) =>
        this.delivery.deliver(job.data.id),
      )
      .catch(failed);
    // Not awaited: an instance must start (and serve) while Redis is away; Bull adds it once Redis answers.
    this.queue
      .add(
        TICK_JOB,
        {},
        { repeat: { every: this.config.NOTIFICATION_POLL_MS }, removeOnComplete: true, removeOnFail: true },
      )
      .catch((error: unknown) => this.logger.error({ err: error }, 'the notification tick could not be scheduled'));
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.working) return;
    this.working = false;
    await this.queue
      .pause(true)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'pausing the notification worker failed'));
  }

  /** Sweeps, then queues every due delivery (job id = row and attempt). */
  async tick(): Promise<number> {
    await this.sweep.sweep();
    const due = await this.delivery.due();
    await this.queue.addBulk(
      due.map(({ id, attempts }) => ({
        name: DELIVER_JOB,
        data: { id },
        opts: { jobId: `${id}:${attempts}`, removeOnComplete: true, removeOnFail: true },
      })),
    );
    return due.length;
  }

  /** Sweeps and delivers everything due in this process, without the queue (tests, `RUN_WORKERS=false`). */
  async runOnce(now = this.clock.now(), workspaceId: string | null = null): Promise<DeliveryOutcome[]> {
    await this.sweep.sweep(now, workspaceId);
    const outcomes: DeliveryOutcome[] = [];
    for (const { id } of await this.delivery.due()) outcomes.push(await this.delivery.deliver(id));
    return outcomes;
  }
}
