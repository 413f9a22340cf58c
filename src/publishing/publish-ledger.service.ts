import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { contentHash, contentOfPost } from '../calendar/domain/post-content';
import { Post } from '../calendar/entities/post.entity';
import { Clock } from '../common/clock/clock';
import { ComplianceService } from '../compliance/compliance.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AfterCommit } from '../scheduling/after-commit';
import { firstBlackoutFor, firstPauseFor } from '../scheduling/domain/scope';
import type { PublishJobData } from '../scheduling/domain/publish-job';
import type { PublishSchedule } from '../scheduling/entities/publish-schedule.entity';
import { PublishQueue } from '../scheduling/publish-queue.service';
import { stopReason } from '../scheduling/restrictions.service';
import { ScheduleStore } from '../scheduling/schedule-store.service';
import { WORKER_ID } from '../scheduling/worker-identity';
import type { TransitionRequest } from '../workflow/post-transitions.service';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { ArchiveWriter } from './archive-writer.service';
import { ClaimFactsReader, type ClaimFacts } from './claim-facts.service';
import { planFinish } from './domain/finish-plan';
import { checkBeforePublishing } from './domain/publish-check';
import { PublicationRecords } from './publication-records.service';
import type { ClaimedRun, ClaimResult, FinishResult, RunOutcome, SkipReason } from './publish-run';

export type {
  CallResult,
  ChannelCall,
  ClaimedRun,
  ClaimResult,
  FinishResult,
  RunOutcome,
  SkipReason,
} from './publish-run';

/** A job is not run more than this ahead of its due time (clock skew between hosts). */
const NOT_DUE_TOLERANCE_MS = 5000;

interface Candidate {
  index: number;
  post: Post;
  schedule: PublishSchedule | null;
  dueAt: Date;
}

/**
 * The publish job's database side, in batches (see MicroBatcher), as a short orchestration of
 * the owners: the claim moves posts `scheduled -> publishing` once the last look passes (the
 * workflow's clearance, the restrictions, the hashes, the packs in force now), records the
 * claim on the schedule (ScheduleStore) and opens the publications and attempts
 * (PublicationRecords); the finish records what the channels answered, archives what went
 * out (ArchiveWriter) and rolls the post up.
 *
 * Exactly once in our records: the claim locks the post row and re-checks status, revision
 * and dispatch before `start_publishing`, so two workers (or two instances) cannot both
 * claim; publications are unique per (post, revision, channel); the finish only rolls up a
 * run whose claim token is still the post's. Every transaction locks posts in id order
 * before anything else, so concurrent batches never deadlock.
 */
@Injectable()
export class PublishLedger {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_ID) private readonly workerId: string,
    private readonly clock: Clock,
    private readonly transitions: PostTransitionsService,
    private readonly compliance: ComplianceService,
    private readonly facts: ClaimFactsReader,
    private readonly schedule: ScheduleStore,
    private readonly publications: PublicationRecords,
    private readonly archive: ArchiveWriter,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
  ) {}

  async claim(requests: readonly PublishJobData[]): Promise<ClaimResult[]> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      // A post locked by someone else (an edit, a withdrawal) is waited for, then re-checked.
      const posts = await lockPosts(tx, [...new Set(requests.map((r) => r.postId))], true);
      const schedules = await this.schedule.lockMany(
        tx,
        posts.map((p) => p.id),
      );
      const { results, candidates } = selectCandidates(requests, posts, schedules, now);
      if (candidates.length === 0) return results;
      const facts = await this.facts.read(
        tx,
        candidates.map((c) => c.post),
        now,
      );
      // Decide everything first; the transitions come last because the first one takes the
      // workspace's audit lock, which every other writer of that workspace waits for until commit.
      const transitions: TransitionRequest[] = [];
      const claimed: { candidate: Candidate; run: ClaimedRun }[] = [];
      for (const candidate of candidates) {
        const result = this.decide(candidate, facts, now);
        results[candidate.index] = result;
        transitions.push({
          post: candidate.post,
          event: result.kind === 'claimed' ? 'start_publishing' : result.event,
          reason: result.kind === 'claimed' ? null : result.reason,
        });
        if (result.kind === 'claimed') claimed.push({ candidate, run: result.run });
      }
      if (claimed.length > 0) {
        await this.schedule.claim(
          tx,
          claimed.map(({ candidate, run }) => ({
            postId: run.postId,
            workspaceId: run.workspaceId,
            revision: run.revision,
            dueAt: candidate.dueAt,
            dispatch: candidate.schedule?.dispatch ?? 0,
            attempts: run.attempt,
            claimToken: run.claimToken,
            claimedBy: this.workerId,
            claimedAt: now,
          })),
        );
        await this.publications.open(
          tx,
          claimed.map((c) => c.run),
          facts.targets,
          facts.publications,
          now,
        );
      }
      await this.transitions.applyMany(tx, transitions, 'system');
      return results;
    });
  }

  async finish(outcomes: readonly RunOutcome[]): Promise<FinishResult[]> {
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const ids = [...new Set(outcomes.map((o) => o.run.postId))];
      const posts = await lockPosts(tx, ids, false);
      const schedules = await this.schedule.lockMany(tx, ids);
      const standings = await this.publications.recordAnswers(tx, outcomes);
      await this.archive.record(tx, outcomes);
      const plan = planFinish({
        outcomes,
        posts: new Map(posts.map((p) => [p.id, p])),
        schedules,
        standings,
        now,
        maxAttempts: this.config.PUBLISH_MAX_ATTEMPTS,
        backoffMs: this.config.PUBLISH_BACKOFF_MS,
      });
      await this.publications.failOpen(tx, plan.failedRevisions);
      await this.schedule.settle(tx, plan.settlements);
      // Last, as in claim(): the first transition takes the workspace's audit lock until commit.
      await this.transitions.applyMany(tx, plan.transitions, 'system');
      if (plan.retries.length > 0) this.afterCommit.run(tx, () => this.queue.enqueue(plan.retries));
      return plan.results;
    });
  }

  /** The last look at one candidate: stopped (missed, held, not cleared) or claimed with a new run. */
  private decide(candidate: Candidate, facts: ClaimFacts, now: Date): Exclude<ClaimResult, { kind: 'skipped' }> {
    const { post } = candidate;
    const revision = facts.revisions.get(post.id);
    const brand = facts.brands.get(post.brandId);
    const clearance = facts.clearance.get(post.id);
    if (!revision || !brand || !clearance) {
      throw new Error(`post ${post.id}: revision ${post.revision}, brand ${post.brandId} or its records are missing`);
    }
    const pause = firstPauseFor(facts.pauses, post);
    const blackout = firstBlackoutFor(facts.blackouts, post, now);
    const check = checkBeforePublishing({
      now,
      dueAt: candidate.dueAt,
      missedAfterMinutes: this.config.PUBLISH_MISSED_AFTER_MINUTES,
      stop: pause ? stopReason({ kind: 'pause', pause }) : blackout ? stopReason({ kind: 'blackout', blackout }) : null,
      hashes: {
        revision: revision.contentHash,
        recomputed: contentHash(revision.content),
        postRow: post.contentHash,
        postCopy: contentHash(contentOfPost(post)),
        approved: clearance.approvals.map((a) => a.contentHash),
      },
      clearance,
      evaluate: () =>
        this.compliance.evaluate(
          revision.content,
          brand.profile,
          now,
          now,
          facts.overrides.get(post.workspaceId) ?? [],
        ),
    });
    if (!check.ok) return { kind: 'stopped', event: check.event, reason: check.reason };
    const run: ClaimedRun = {
      postId: post.id,
      workspaceId: post.workspaceId,
      revision: post.revision,
      claimToken: randomUUID(),
      attempt: (candidate.schedule?.attempts ?? 0) + 1,
      content: revision.content,
      contentHash: revision.contentHash,
      evaluation: check.evaluation,
      approvals: clearance.approvals,
      calls: [],
    };
    return { kind: 'claimed', run };
  }
}

/**
 * The posts' rows, locked in id order (only `scheduled` ones for a claim). One array
 * parameter rather than `IN (:...ids)`: TypeORM expands a list parameter by parameter, which
 * costs more CPU than the query on a batch of a hundred.
 */
function lockPosts(tx: EntityManager, ids: readonly string[], scheduledOnly: boolean): Promise<Post[]> {
  const qb = tx.getRepository(Post).createQueryBuilder('p').where('p.id = ANY(:ids::uuid[])', { ids });
  if (scheduledOnly) qb.andWhere(`p.status = 'scheduled'`);
  return qb.orderBy('p.id', 'ASC').setLock('pessimistic_write').getMany();
}

/** Which requests may claim their post now; the others are answered as skipped. */
function selectCandidates(
  requests: readonly PublishJobData[],
  posts: readonly Post[],
  schedules: Map<string, PublishSchedule>,
  now: Date,
): { results: ClaimResult[]; candidates: Candidate[] } {
  const results: ClaimResult[] = new Array<ClaimResult>(requests.length);
  const postById = new Map(posts.map((p) => [p.id, p]));
  const taken = new Set<string>();
  const candidates: Candidate[] = [];
  for (const [index, request] of requests.entries()) {
    const post = postById.get(request.postId);
    if (!post) {
      results[index] = { kind: 'skipped', why: 'not_scheduled' };
      continue;
    }
    const row = schedules.get(post.id);
    const schedule = row && row.revision === post.revision ? row : null;
    const dueAt = schedule?.dueAt ?? post.scheduledAt ?? now;
    const why = taken.has(post.id) ? 'duplicate' : whyNotClaimable(request, post, schedule, dueAt, now);
    if (why) {
      results[index] = { kind: 'skipped', why };
      continue;
    }
    taken.add(post.id);
    candidates.push({ index, post, schedule, dueAt });
  }
  return { results, candidates };
}

/**
 * Why a job may not claim a post that is still `scheduled`: it is for an older revision or
 * dispatch (the post was edited, retried or released since), or it woke up early.
 */
function whyNotClaimable(
  request: PublishJobData,
  post: Post,
  schedule: PublishSchedule | null,
  dueAt: Date,
  now: Date,
): SkipReason | null {
  if (post.revision !== request.revision) return 'stale_revision';
  if ((schedule?.dispatch ?? 0) !== request.dispatch) return 'stale_dispatch';
  if (dueAt.getTime() - now.getTime() > NOT_DUE_TOLERANCE_MS) return 'not_due';
  return null;
}
