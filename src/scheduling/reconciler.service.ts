import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Post } from '../calendar/entities/post.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { AfterCommit } from './after-commit';
import { PublishSchedule } from './entities/publish-schedule.entity';
import { PublishQueue, type DueJob } from './publish-queue.service';
import { ScheduleStore } from './schedule-store.service';
import { RunsTakenOver, type TakenOver } from './scheduling-events';
import { TxEvents } from '../common/events/tx-events';
import { Clock } from '../common/clock/clock';

/** Abandoned runs taken over per transaction. */
const RECOVERY_CHUNK = 200;

export type { TakenOver } from './scheduling-events';

interface DueRow {
  postId: string;
  workspaceId: string;
  revision: number;
  dispatch: number;
  dueAt: Date;
}

/**
 * Postgres is the truth, Redis a cache of timers. At start and every RECONCILE_INTERVAL_MS
 * each worker instance (1) takes over posts left in `publishing` by a worker that died (its
 * claim is older than PUBLISH_LEASE_MS) and (2) adds the job of every scheduled post due
 * within the next two intervals. Adds use the deterministic job ids, so a job that exists is
 * left alone and several instances reconciling at once add each job once.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Reconciler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: PublishQueue,
    private readonly transitions: PostTransitionsService,
    private readonly afterCommit: AfterCommit,
    private readonly clock: Clock,
    private readonly store: ScheduleStore,
    private readonly events: TxEvents,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.timer = setInterval(() => this.tick(), this.config.RECONCILE_INTERVAL_MS);
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass; a pass still running (a slow Redis) is not overlapped by the next. */
  private tick(): void {
    if (this.running) return;
    this.running = this.reconcile()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'reconcile pass failed; retrying next interval'))
      .finally(() => {
        this.running = undefined;
      });
  }

  async reconcile(now = this.clock.now()): Promise<{ recovered: number; enqueued: number }> {
    const recovered = await this.recoverAbandoned(now);
    const enqueued = await this.enqueueDue(now);
    if (recovered > 0) this.logger.warn(`took over ${recovered} post(s) abandoned in publishing`);
    return { recovered, enqueued };
  }

  private async enqueueDue(now: Date): Promise<number> {
    const horizon = new Date(now.getTime() + 2 * this.config.RECONCILE_INTERVAL_MS);
    // A schedule row of an older revision does not count: the post was edited and approved again.
    const rows: DueRow[] = await this.dataSource.query(
      `SELECT p.id AS "postId", p.workspace_id AS "workspaceId", p.revision,
              CASE WHEN s.revision = p.revision THEN s.dispatch ELSE 0 END AS dispatch,
              CASE WHEN s.revision = p.revision THEN s.due_at ELSE p.scheduled_at END AS "dueAt"
         FROM posts p LEFT JOIN publish_schedule s ON s.post_id = p.id
        WHERE p.status = 'scheduled'
          AND (CASE WHEN s.revision = p.revision THEN s.due_at ELSE p.scheduled_at END) < $1`,
      [horizon],
    );
    const jobs: DueJob[] = rows.map((r) => ({
      data: { postId: r.postId, workspaceId: r.workspaceId, revision: r.revision, dispatch: r.dispatch },
      dueAt: r.dueAt,
    }));
    await this.queue.enqueue(jobs, now);
    return jobs.length;
  }

  private async recoverAbandoned(now: Date): Promise<number> {
    const expired = new Date(now.getTime() - this.config.PUBLISH_LEASE_MS);
    const candidates: { id: string }[] = await this.dataSource.query(
      `SELECT p.id FROM posts p LEFT JOIN publish_schedule s ON s.post_id = p.id AND s.revision = p.revision
        WHERE p.status = 'publishing' AND COALESCE(s.claimed_at, p.updated_at) < $1 ORDER BY p.id`,
      [expired],
    );
    let recovered = 0;
    for (let i = 0; i < candidates.length; i += RECOVERY_CHUNK) {
      recovered += await this.recoverChunk(
        candidates.slice(i, i + RECOVERY_CHUNK).map((c) => c.id),
        expired,
      );
    }
    return recovered;
  }

  private async recoverChunk(ids: string[], expired: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      // SKIP LOCKED: a post locked right now is being finished by its (live) worker, or taken
      // over by another instance; either way it is not ours to touch in this pass.
      const posts = await tx
        .getRepository(Post)
        .createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids })
        .andWhere(`p.status = 'publishing'`)
        // Workspace first: each workspace's audit lock is then taken in the same order by every instance.
        .orderBy('p.workspaceId', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (posts.length === 0) return 0;
      const rows = await this.store.lockMany(
        tx,
        posts.map((p) => p.id),
      );
      const jobs: DueJob[] = [];
      const taken: TakenOver[] = [];
      for (const post of posts) {
        const row = rows.get(post.id);
        const current = row && row.revision === post.revision ? row : null;
        const claimedAt = current?.claimedAt ?? post.updatedAt;
        if (claimedAt >= expired) continue; // re-claimed since the candidate query
        const outcome = await this.takeOver(tx, post, current, claimedAt);
        taken.push({ postId: post.id, revision: post.revision, outcome: outcome ? 'requeued' : 'failed' });
        if (outcome) jobs.push(outcome);
      }
      await this.events.emit(tx, RunsTakenOver, taken);
      if (jobs.length > 0) this.afterCommit.run(tx, () => this.queue.enqueue(jobs));
      return taken.length;
    });
  }

  /** Fails a post whose runs are used up, else requeues it; returns the job to add, if any. */
  private async takeOver(
    tx: EntityManager,
    post: Post,
    current: PublishSchedule | null,
    claimedAt: Date,
  ): Promise<DueJob | null> {
    const reason = {
      code: 'worker_lost',
      messageKey: 'publishing:reasons.workerLost',
      claimedBy: current?.claimedBy ?? null,
      claimedAt: claimedAt.toISOString(),
    };
    if ((current?.attempts ?? 0) >= this.config.PUBLISH_MAX_ATTEMPTS) {
      await this.transitions.apply(tx, post, 'publish_failed', 'system', reason);
      await this.store.settle(tx, [{ postId: post.id, dueAt: null, dispatch: null }]);
      return null;
    }
    await this.transitions.apply(tx, post, 'requeue', 'system', reason);
    return this.store.requeue(tx, post, current, post.scheduledAt ?? this.clock.now());
  }
}
