import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { PUBLISH_QUEUE } from '../queue/queue.constants';
import { delayUntil } from './domain/due';
import { PUBLISH_JOB, publishJobId, type PublishJobData } from './domain/publish-job';
import { Clock } from '../common/clock/clock';

export interface DueJob {
  data: PublishJobData;
  dueAt: Date;
}

/** Adds issued at once; Bull pipelines them over one connection. */
const ADD_CHUNK = 500;

/**
 * The Redis side of the schedule: delayed Bull jobs with deterministic ids. Nothing here is
 * the truth; every add can be lost and is repeated by the reconciler.
 */
@Injectable()
export class PublishQueue {
  private readonly logger = new Logger(PublishQueue.name);

  constructor(
    @InjectQueue(PUBLISH_QUEUE) private readonly queue: Queue<PublishJobData>,
    private readonly clock: Clock,
  ) {
    // Bull re-emits Redis connection errors; without a listener an outage would crash the process.
    this.queue.on('error', (error: Error) => this.logger.warn({ err: error }, 'publish queue: Redis error'));
  }

  async enqueue(jobs: readonly DueJob[], now = this.clock.now()): Promise<void> {
    for (let i = 0; i < jobs.length; i += ADD_CHUNK) {
      await Promise.all(
        jobs.slice(i, i + ADD_CHUNK).map((job) => this.queue.add(PUBLISH_JOB, job.data, jobOptions(job, now))),
      );
    }
  }

  /** Drops the delayed jobs of a revision; a job already running is left to find the post changed. */
  async cancel(postId: string, revision: number, dispatches: readonly number[]): Promise<void> {
    for (const dispatch of new Set([0, ...dispatches])) {
      const job = await this.queue.getJob(publishJobId(postId, revision, dispatch));
      if (!job) continue;
      try {
        await job.remove();
      } catch {
        // Locked by a worker right now: it will see the post is no longer scheduled.
      }
    }
  }
}

function jobOptions(job: DueJob, now: Date): JobOptions {
  return {
    jobId: publishJobId(job.data.postId, job.data.revision, job.data.dispatch),
    delay: delayUntil(job.dueAt, now),
    // Retries are decided in Postgres (with backoff and jitter) and come back as new dispatches;
    // finished jobs are removed so that their ids can be used again after a release.
    attempts: 1,
    removeOnComplete: true,
    removeOnFail: true,
  };
}
