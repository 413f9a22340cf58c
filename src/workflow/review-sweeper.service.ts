import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Post } from '../calendar/entities/post.entity';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PostTransitionsService } from './post-transitions.service';
import { PublicationClearanceService } from './publication-clearance.service';
import { ReviewRoundsService } from './review-rounds.service';
import { Clock } from '../common/clock/clock';

export const REVIEW_SWEEP_INTERVAL_MS = 30_000;
/** Posts handled per transaction; a sweep loops until a batch comes back short. */
const BATCH_SIZE = 50;
const ACTOR = 'system';

/** Still in review at its scheduled time ($1 = now). */
const PAST_DEADLINE = `p.status = 'in_review' AND p.scheduled_at <= $1`;

/**
 * Has a live approval past its expiry. A post held for a missed deadline is left alone: it
 * must be rescheduled and submitted again, which voids its approvals anyway.
 */
const APPROVAL_EXPIRED = `(p.status IN ('in_review', 'approved', 'scheduled')
    OR (p.status = 'held' AND COALESCE(p.status_reason->>'code', '') <> 'review_deadline_passed'))
  AND EXISTS (SELECT 1 FROM review_decisions d
               WHERE d.post_id = p.id AND d.voided_at IS NULL AND d.decision = 'approve' AND d.expires_at <= $1)`;

/** Approved (so not on the schedule) when its time has come. */
const APPROVED_PAST_TIME = `p.status = 'approved' AND p.scheduled_at <= $1`;

export interface SweepOptions {
  /** The instant to sweep at (defaults to the workflow clock). */
  now?: Date;
  /** Only this workspace: lets a test sweep "the future" without touching anyone else's posts. */
  workspaceId?: string;
}

export interface SweepReport {
  /** Posts still in review at their scheduled time, now held. */
  heldPastDeadline: string[];
  /** Posts with an approval that expired: the stage is open again (and the post held if it was on its way). */
  expiredApprovals: string[];
  /** Approved posts whose time came while something (a filing) still kept them off the schedule, now held. */
  heldNotCleared: string[];
}

/**
 * Keeps time-based promises of the workflow: a post whose reviews are not done by its
 * scheduled time is held, not published; an approval older than the packs allow stops
 * counting. Runs every 30 s on instances with RUN_WORKERS, and is safe with several
 * instances: each batch locks its posts with FOR UPDATE SKIP LOCKED, so two sweepers never
 * take the same post and a post being signed right now is simply left for the next round.
 */
@Injectable()
export class ReviewSweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReviewSweeper');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transitions: PostTransitionsService,
    private readonly rounds: ReviewRoundsService,
    private readonly clearance: PublicationClearanceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.timer = setInterval(() => void this.sweepInBackground(), REVIEW_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One full sweep; tests call it directly with a chosen instant and their workspace. */
  async sweep(options: SweepOptions = {}): Promise<SweepReport> {
    const now = options.now ?? this.clock.now();
    return {
      heldPastDeadline: await this.inBatches(now, options.workspaceId, PAST_DEADLINE, (tx, post) =>
        this.holdPastDeadline(tx, post),
      ),
      expiredApprovals: await this.inBatches(now, options.workspaceId, APPROVAL_EXPIRED, (tx, post) =>
        this.expireApprovals(tx, post, now),
      ),
      heldNotCleared: await this.inBatches(now, options.workspaceId, APPROVED_PAST_TIME, (tx, post) =>
        this.holdNotCleared(tx, post, now),
      ),
    };
  }

  private async sweepInBackground(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const report = await this.sweep();
      const touched = report.heldPastDeadline.length + report.expiredApprovals.length + report.heldNotCleared.length;
      if (touched > 0) {
        this.logger.log(
          `held ${report.heldPastDeadline.length} past their deadline, re-opened expired approvals of ${report.expiredApprovals.length}, held ${report.heldNotCleared.length} not cleared`,
        );
      }
    } catch (error) {
      this.logger.error({ err: error }, 'review sweep failed; the next one retries');
    } finally {
      this.running = false;
    }
  }

  private async holdPastDeadline(tx: EntityManager, post: Post): Promise<void> {
    const openStages = await this.rounds.closeOpenStages(tx, post.id, 'review_deadline_passed');
    await this.transitions.apply(tx, post, 'hold', ACTOR, {
      code: 'review_deadline_passed',
      scheduledAt: post.scheduledAt?.toISOString() ?? null,
      openStages,
    });
  }

  /** Voids the expired signatures and re-opens their stages; a post on its way to publication is held. */
  private async expireApprovals(tx: EntityManager, post: Post, now: Date): Promise<void> {
    const [signatures] = await tx.query<
      [{ stage_id: string; stage: string; decided_by: string; decided_at: Date; expires_at: Date }[], number]
    >(
      `UPDATE review_decisions SET voided_at = $2, void_reason = 'approval_expired'
        WHERE post_id = $1 AND voided_at IS NULL AND decision = 'approve' AND expires_at <= $2
        RETURNING stage_id, stage, decided_by, decided_at, expires_at`,
      [post.id, now],
    );
    await tx.query(`UPDATE review_stages SET status = 'open' WHERE id = ANY($1::uuid[]) AND status = 'approved'`, [
      signatures.map((s) => s.stage_id),
    ]);
    const stages = signatures.map((s) => s.stage);
    await this.audit.record(
      {
        workspaceId: post.workspaceId,
        actor: ACTOR,
        action: 'workflow.approval_expired',
        subject: `post:${post.id}`,
        data: {
          revision: post.revision,
          signatures: signatures.map((s) => ({
            stage: s.stage,
            decidedBy: s.decided_by,
            decidedAt: s.decided_at.toISOString(),
            expiresAt: s.expires_at.toISOString(),
          })),
        },
      },
      tx,
    );
    if (post.status === 'approved' || post.status === 'scheduled') {
      await this.transitions.apply(tx, post, 'hold', ACTOR, { code: 'approval_expired', stages });
    }
  }

  private async holdNotCleared(tx: EntityManager, post: Post, now: Date): Promise<void> {
    const blockers = await this.clearance.blockers(tx, post, now);
    await this.transitions.apply(tx, post, 'hold', ACTOR, {
      code: 'not_cleared_for_publication',
      blockers: blockers.map((b) => ({ code: b.code, ...b.params })),
    });
  }

  /**
   * Locks up to BATCH_SIZE matching posts (skipping any another transaction holds), handles
   * each inside the same transaction, and repeats until a batch comes back short.
   */
  private async inBatches(
    now: Date,
    workspaceId: string | undefined,
    match: string,
    handle: (tx: EntityManager, post: Post) => Promise<void>,
  ): Promise<string[]> {
    const done: string[] = [];
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        const rows = await tx.query<{ id: string }[]>(
          `SELECT p.id FROM posts p WHERE (${match}) AND ($2::uuid IS NULL OR p.workspace_id = $2) ORDER BY p.scheduled_at NULLS LAST, p.id LIMIT ${BATCH_SIZE} FOR UPDATE OF p SKIP LOCKED`,
          [now, workspaceId ?? null],
        );
        for (const { id } of rows) {
          const post = await tx.getRepository(Post).findOneByOrFail({ id });
          await handle(tx, post);
        }
        return rows.map((r) => r.id);
      });
      done.push(...batch);
      if (batch.length < BATCH_SIZE) return done;
    }
  }
}
