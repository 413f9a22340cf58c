import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { PUBLISH_QUEUE } from '../../src/queue/queue.constants';
import type { PublishJobData } from '../../src/scheduling/domain/publish-job';
import { Reconciler } from '../../src/scheduling/reconciler.service';
import { submitClearPost } from './scheduled-post';
import type { TestApp, TestWorkspace } from './test-app';
import { HOUR, type TestClock } from './test-clock';

/** How often the queue is looked at while due work runs: short, so a scenario waits no longer than the work. */
const POLL_MS = 15;

/**
 * Time passing, for an app on a TestClock. Bull's delayed jobs fire on the wall clock (their
 * delays were computed from the test clock); moving the test clock does not move them, so
 * `advanceTo` promotes every delayed publish job whose due time the clock has now reached and
 * waits until the worker has run them. Due times are read where the app keeps them (the
 * schedule row of the post's revision, else its scheduled time), as the reconciler reads them.
 */
export class DueWork {
  readonly queue: Queue<PublishJobData>;

  constructor(
    readonly t: TestApp,
    readonly clock: TestClock,
  ) {
    this.queue = t.app.get<Queue<PublishJobData>>(getQueueToken(PUBLISH_QUEUE));
  }

  /** Moves the clock to `at` and runs the publish jobs due by then; returns how many were promoted. */
  async advanceTo(at: Date | string): Promise<number> {
    this.clock.set(at);
    return this.runDue();
  }

  async advanceBy(ms: number): Promise<number> {
    this.clock.advance(ms);
    return this.runDue();
  }

  /** One reconciler pass at the clock's instant (what a worker does at start and every interval), then the due jobs. */
  async reconcile(): Promise<number> {
    await this.t.app.get(Reconciler).reconcile();
    return this.runDue();
  }

  /** Promotes the delayed jobs due by the clock's instant and waits until the worker has finished every job it has. */
  async runDue(timeoutMs = 10_000): Promise<number> {
    const due = await this.dueDelayedJobs();
    // A job that left the delayed set meanwhile (removed by an edit, or already running) is not ours to move.
    await Promise.all(due.map((job) => job.promote().catch(() => undefined)));
    await this.idle(
      due.map((job) => String(job.id)),
      timeoutMs,
    );
    return due.length;
  }

  /** The delayed jobs due by now, by the due times Postgres holds for them. */
  private async dueDelayedJobs(): Promise<Job<PublishJobData>[]> {
    const delayed = await this.queue.getDelayed();
    if (delayed.length === 0) return [];
    const rows: { postId: string; dueAt: Date }[] = await this.t.dataSource.query(
      `SELECT p.id AS "postId", CASE WHEN s.revision = p.revision THEN s.due_at ELSE p.scheduled_at END AS "dueAt"
         FROM posts p LEFT JOIN publish_schedule s ON s.post_id = p.id
        WHERE p.id = ANY($1::uuid[])`,
      [[...new Set(delayed.map((job) => job.data.postId))]],
    );
    const dueAt = new Map(rows.map((r) => [r.postId, r.dueAt]));
    const now = this.clock.now().getTime();
    // A job whose post is gone has nothing left to wait for: it runs and finds nothing to publish.
    return delayed.filter((job) => (dueAt.get(job.data.postId)?.getTime() ?? 0) <= now);
  }

  /** Until nothing waits or runs and each promoted job is done (finished jobs are removed). */
  private async idle(jobIds: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts();
      const left = await Promise.all(jobIds.map((id) => this.queue.getJob(id)));
      if (counts.waiting === 0 && counts.active === 0 && left.every((job) => !job || job.finishedOn)) return;
      if (Date.now() > deadline) {
        throw new Error(`publish jobs still running after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

/**
 * A clear post submitted for `leadMs` (an hour) after the clock's instant, then the clock moved
 * to that time and its run done: the usual opening of a publishing scenario, without waiting.
 */
export async function submitAndRunOnTime(
  due: DueWork,
  ws: TestWorkspace,
  brandId: string,
  overrides: Record<string, unknown> = {},
  leadMs = HOUR,
): Promise<{ id: string; status: string; scheduledAt: Date }> {
  const scheduledAt = new Date(due.clock.now().getTime() + leadMs);
  const post = await submitClearPost(due.t, ws, brandId, scheduledAt, overrides);
  await due.advanceTo(scheduledAt);
  return { id: post.id, status: post.status, scheduledAt };
}
