import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Evaluation } from '@preclear/rules-engine';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Brand } from '../brands/entities/brand.entity';
import { contentHash, contentOfPost, type PostContent } from '../calendar/domain/post-content';
import { Post } from '../calendar/entities/post.entity';
import { ComplianceService } from '../compliance/compliance.service';
import type { WorkspaceOverride } from '../compliance/domain/workspace-overrides';
import { WorkspaceOverridesService } from '../compliance/workspace-overrides.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { User } from '../identity/entities/user.entity';
import { AfterCommit } from '../scheduling/after-commit';
import { firstBlackoutFor, firstPauseFor } from '../scheduling/domain/scope';
import type { PublishJobData } from '../scheduling/domain/publish-job';
import { Blackout } from '../scheduling/entities/blackout.entity';
import { Pause } from '../scheduling/entities/pause.entity';
import { PublishSchedule } from '../scheduling/entities/publish-schedule.entity';
import { PublishQueue, type DueJob } from '../scheduling/publish-queue.service';
import { Reconciler, type TakenOver } from '../scheduling/reconciler.service';
import { RestrictionsService, stopReason } from '../scheduling/restrictions.service';
import { WORKER_ID } from '../scheduling/worker-identity';
import { ReviewDecision } from '../workflow/entities/review-decision.entity';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { PublicationClearanceService } from '../workflow/publication-clearance.service';
import type { AdapterResult, ResolvedTarget } from './adapters/channel-adapter';
import { retryDelayMs } from './domain/backoff';
import { idempotencyKey } from './domain/idempotency-key';
import { checkBeforePublishing } from './domain/publish-check';
import { retainUntil } from './domain/retention';
import { rollup, type ChannelStanding } from './domain/rollup';
import { reconnectHoldReason, retryDueAt } from './domain/network-outcomes';
import type { ArchivedApproval } from './entities/archive-record.entity';
import { ChannelTarget } from './entities/channel-target.entity';
import type { PublicationStatus } from './entities/publication.entity';
import { SECRET_BOX, type SecretBox } from './secret-box';

/** A job is not run more than this ahead of its due time (clock skew between hosts). */
const NOT_DUE_TOLERANCE_MS = 5000;

/** One channel to call in a claimed run. */
export interface ChannelCall {
  publicationId: string;
  attemptId: string;
  channel: string;
  idempotencyKey: string;
  target: ResolvedTarget;
  /** How this channel's previous attempt ended: after `unknown` the post is looked for before any new call. */
  previousOutcome: string | null;
}

/** A post this worker holds the claim on, with everything needed to send it and archive it. */
export interface ClaimedRun {
  postId: string;
  workspaceId: string;
  revision: number;
  claimToken: string;
  /** The run number in the current chain (1 = first try since scheduled or released). */
  attempt: number;
  content: PostContent;
  contentHash: string;
  evaluation: Evaluation;
  approvals: ArchivedApproval[];
  calls: ChannelCall[];
}

export type ClaimResult =
  | { kind: 'claimed'; run: ClaimedRun }
  | { kind: 'stopped'; event: 'hold' | 'miss'; reason: Record<string, unknown> }
  | { kind: 'skipped'; why: SkipReason };

export type SkipReason = 'not_scheduled' | 'duplicate' | 'stale_revision' | 'stale_dispatch' | 'not_due';

export interface CallResult {
  call: ChannelCall;
  result: AdapterResult;
  finishedAt: Date;
}

export interface RunOutcome {
  run: ClaimedRun;
  results: CallResult[];
}

export type FinishResult = { kind: 'published' } | { kind: 'held' } | { kind: 'retry'; dueAt: Date } | { kind: 'failed' } | { kind: 'lost_claim' };

interface Candidate {
  index: number;
  post: Post;
  schedule: PublishSchedule | null;
  dueAt: Date;
}

interface LiveApproval {
  stage: string;
  contentHash: string;
  expiresAt: Date | null;
  archived: ArchivedApproval;
}

/** What the claims of one batch read, one query per kind. */
interface ClaimFacts {
  revisions: Map<string, { content: PostContent; contentHash: string }>;
  brands: Map<string, Brand>;
  pauses: Pause[];
  blackouts: Blackout[];
  targets: ChannelTarget[];
  publications: PublicationRow[];
  approvals: Map<string, LiveApproval[]>;
  /** Each workspace's own lexicon and tightening, applied at the last look like at submission. */
  overrides: Map<string, WorkspaceOverride[]>;
}

interface PublicationRow {
  id: string;
  post_id: string;
  revision: number;
  channel: string;
  status: PublicationStatus;
  attempts: number;
  last_error: { outcome?: string; error?: string } | null;
}

/**
 * The publish job's database side, in batches (see MicroBatcher): the claim that moves
 * posts `scheduled -> publishing` and writes the in-flight attempts, and the finish that
 * records what the channels answered, archives what went out and rolls the post up.
 *
 * Exactly once in our records: the claim locks the post row and re-checks status, revision
 * and dispatch before `start_publishing`, so two workers (or two instances) cannot both
 * claim; publications are unique per (post, revision, channel); the finish only rolls up a
 * run whose claim token is still the post's. Every transaction locks posts in id order
 * before anything else, so concurrent batches never deadlock.
 */
@Injectable()
export class PublishLedger implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_ID) private readonly workerId: string,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly transitions: PostTransitionsService,
    private readonly clearance: PublicationClearanceService,
    private readonly compliance: ComplianceService,
    private readonly overrides: WorkspaceOverridesService,
    private readonly restrictions: RestrictionsService,
    private readonly queue: PublishQueue,
    private readonly afterCommit: AfterCommit,
    private readonly reconciler: Reconciler,
  ) {}

  onModuleInit(): void {
    this.reconciler.onRecovered((tx, taken) => this.abandonInFlight(tx, taken));
  }

  async claim(requests: readonly PublishJobData[]): Promise<ClaimResult[]> {
    return this.dataSource.transaction(async (tx) => {
      const now = new Date();
      const ids = [...new Set(requests.map((r) => r.postId))];
      // A post locked by someone else (an edit, a withdrawal) is waited for, then re-checked.
      const posts = await tx
        .getRepository(Post)
        .createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids })
        .andWhere(`p.status = 'scheduled'`)
        .orderBy('p.id', 'ASC')
        .setLock('pessimistic_write')
        .getMany();
      const schedules = await this.lockSchedules(
        tx,
        posts.map((p) => p.id),
      );

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
      if (candidates.length === 0) return results;

      const facts = await this.loadFacts(tx, candidates, now);
      // Approvals and filings as the workflow judges them, at this instant, for the whole batch.
      const blockersByPost = await this.clearance.blockersMany(
        tx,
        candidates.map((c) => c.post),
        now,
      );
      const claimed: { candidate: Candidate; run: ClaimedRun }[] = [];
      // Decide everything first; the transitions come last because the first one takes the
      // workspace's audit lock, which every other writer of that workspace waits for until commit.
      const transitions: { post: Post; event: 'hold' | 'miss' | 'start_publishing'; reason: Record<string, unknown> | null }[] = [];
      for (const candidate of candidates) {
        const { post } = candidate;
        const revision = facts.revisions.get(post.id);
        const brand = facts.brands.get(post.brandId);
        if (!revision || !brand) throw new Error(`post ${post.id}: revision ${post.revision} or brand ${post.brandId} is missing`);
        const approvals = facts.approvals.get(post.id) ?? [];
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
            approved: approvals.map((a) => a.contentHash),
          },
          approvals: approvals.map((a) => ({ stage: a.stage, expiresAt: a.expiresAt })),
          evaluate: () => this.compliance.evaluate(revision.content, brand.profile, now, now, facts.overrides.get(post.workspaceId) ?? []),
        });
        if (!check.ok) {
          transitions.push({ post, event: check.event, reason: check.reason });
          results[candidate.index] = { kind: 'stopped', event: check.event, reason: check.reason };
          continue;
        }
        const blockers = blockersByPost.get(post.id) ?? [];
        if (blockers.length > 0) {
          const reason = { code: 'not_cleared', messageKey: 'publishing:reasons.notCleared', blockers };
          transitions.push({ post, event: 'hold', reason });
          results[candidate.index] = { kind: 'stopped', event: 'hold', reason };
          continue;
        }
        const run: ClaimedRun = {
          postId: post.id,
          workspaceId: post.workspaceId,
          revision: post.revision,
          claimToken: randomUUID(),
          attempt: (candidate.schedule?.attempts ?? 0) + 1,
          content: revision.content,
          contentHash: revision.contentHash,
          evaluation: check.evaluation,
          approvals: approvals.map((a) => a.archived),
          calls: [],
        };
        transitions.push({ post, event: 'start_publishing', reason: null });
        claimed.push({ candidate, run });
        results[candidate.index] = { kind: 'claimed', run };
      }
      if (claimed.length > 0) await this.writeClaims(tx, claimed, facts, now);
      await this.transitions.applyMany(tx, transitions, 'system');
      return results;
    });
  }

  async finish(outcomes: readonly RunOutcome[]): Promise<FinishResult[]> {
    return this.dataSource.transaction(async (tx) => {
      const now = new Date();
      const ids = [...new Set(outcomes.map((o) => o.run.postId))];
      const posts = await tx
        .getRepository(Post)
        .createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids })
        .orderBy('p.id', 'ASC')
        .setLock('pessimistic_write')
        .getMany();
      const schedules = await this.lockSchedules(tx, ids);
      const postById = new Map(posts.map((p) => [p.id, p]));
      const calls = outcomes.flatMap((o) => o.results);

      // What each channel answered, whoever holds the claim now: it is what happened.
      if (calls.length > 0) {
        await tx.query(
          `UPDATE publication_attempts a
              SET outcome = u.outcome, finished_at = u.finished_at, http_status = u.http_status, external_id = u.external_id, error = u.error,
                  response_excerpt = u.response_excerpt
             FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::text[], $7::text[])
               AS u(id, outcome, finished_at, http_status, external_id, error, response_excerpt)
            WHERE a.id = u.id`,
          [
            calls.map((c) => c.call.attemptId),
            calls.map((c) => c.result.outcome),
            calls.map((c) => c.finishedAt),
            calls.map((c) => c.result.httpStatus ?? null),
            calls.map((c) => (c.result.outcome === 'success' ? c.result.externalId : null)),
            calls.map((c) => (c.result.outcome === 'success' ? null : c.result.error)),
            calls.map((c) => (c.result.outcome === 'success' ? null : (c.result.responseExcerpt ?? null))),
          ],
        );
        // A success is final: a late failure report of an older call never overwrites it.
        await tx.query(
          `UPDATE publications p
              SET status = CASE WHEN p.status = 'succeeded' THEN p.status ELSE u.status END,
                  external_id = CASE WHEN p.status = 'succeeded' THEN p.external_id ELSE u.external_id END,
                  last_error = CASE WHEN p.status = 'succeeded' OR u.status = 'succeeded' THEN NULL ELSE u.last_error END,
                  published_at = COALESCE(p.published_at, u.published_at),
                  updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[]) AS u(id, status, external_id, last_error, published_at)
            WHERE p.id = u.id`,
          [
            calls.map((c) => c.call.publicationId),
            calls.map((c) => publicationStatusOf(c.result)),
            calls.map((c) => (c.result.outcome === 'success' ? c.result.externalId : null)),
            calls.map((c) =>
              c.result.outcome === 'success'
                ? null
                : JSON.stringify({ outcome: c.result.outcome, error: c.result.error, httpStatus: c.result.httpStatus ?? null }),
            ),
            calls.map((c) => (c.result.outcome === 'success' ? c.finishedAt : null)),
          ],
        );
        await this.archive(tx, outcomes);
      }

      const standings = await this.standings(tx, outcomes);
      const retries: DueJob[] = [];
      const scheduleUpdates: { postId: string; dueAt: Date | null; dispatch: number | null }[] = [];
      const transitions: { post: Post; event: 'publish_succeeded' | 'requeue' | 'publish_failed' | 'hold'; reason: Record<string, unknown> | null }[] = [];
      const failedRevisions: { postId: string; revision: number }[] = [];
      const results: FinishResult[] = [];
      for (const { run } of outcomes) {
        const post = postById.get(run.postId);
        const row = schedules.get(run.postId);
        if (!post || post.status !== 'publishing' || post.revision !== run.revision || row?.claimToken !== run.claimToken) {
          results.push({ kind: 'lost_claim' });
          continue;
        }
        const channels = standings.get(`${run.postId}:${run.revision}`) ?? [];
        const outcome = rollup(
          run.content.channels.map((channel) => channels.find((c) => c.channel === channel) ?? { channel, state: 'retryable', error: null }),
          run.attempt,
          this.config.PUBLISH_MAX_ATTEMPTS,
        );
        switch (outcome.kind) {
          case 'published':
            transitions.push({ post, event: 'publish_succeeded', reason: null });
            scheduleUpdates.push({ postId: post.id, dueAt: null, dispatch: null });
            results.push({ kind: 'published' });
            break;
          case 'retry': {
            const dueAt = retryDueAt(now, retryDelayMs(run.attempt, this.config.PUBLISH_BACKOFF_MS), outcomes.find((o) => o.run === run)?.results ?? []);
            const dispatch = row.dispatch + 1;
            transitions.push({
              post,
              event: 'requeue',
              reason: {
                code: 'retrying',
                messageKey: 'publishing:reasons.retrying',
                attempt: run.attempt,
                nextAttemptAt: dueAt.toISOString(),
                channels: channels.filter((c) => outcome.channels.includes(c.channel)).map((c) => ({ channel: c.channel, outcome: c.state, error: c.error })),
              },
            });
            scheduleUpdates.push({ postId: post.id, dueAt, dispatch });
            retries.push({ data: { postId: post.id, workspaceId: post.workspaceId, revision: post.revision, dispatch }, dueAt });
            results.push({ kind: 'retry', dueAt });
            break;
          }
          case 'held':
            transitions.push({ post, event: 'hold', reason: reconnectHoldReason(outcome.channels, channels) });
            scheduleUpdates.push({ postId: post.id, dueAt: null, dispatch: null });
            results.push({ kind: 'held' });
            break;
          case 'failed':
            failedRevisions.push({ postId: post.id, revision: post.revision });
            transitions.push({
              post,
              event: 'publish_failed',
              reason: {
                code: 'publish_failed',
                messageKey: 'publishing:reasons.publishFailed',
                attempts: run.attempt,
                failed: outcome.failed.map((f) => ({
                  channel: f.channel,
                  outcome: f.state,
                  error: channels.find((c) => c.channel === f.channel)?.error ?? null,
                })),
                published: outcome.succeeded,
              },
            });
            scheduleUpdates.push({ postId: post.id, dueAt: null, dispatch: null });
            results.push({ kind: 'failed' });
            break;
        }
      }
      if (failedRevisions.length > 0) {
        await tx.query(
          `UPDATE publications p SET status = 'failed', updated_at = now()
             FROM unnest($1::uuid[], $2::int[]) AS k(post_id, revision)
            WHERE p.post_id = k.post_id AND p.revision = k.revision AND p.status IN ('pending', 'in_flight', 'retrying')`,
          [failedRevisions.map((f) => f.postId), failedRevisions.map((f) => f.revision)],
        );
      }
      if (scheduleUpdates.length > 0) {
        await tx.query(
          `UPDATE publish_schedule s
              SET due_at = COALESCE(u.due_at, s.due_at), dispatch = COALESCE(u.dispatch, s.dispatch),
                  claim_token = NULL, claimed_by = NULL, claimed_at = NULL, updated_at = now()
             FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS u(post_id, due_at, dispatch)
            WHERE s.post_id = u.post_id`,
          [scheduleUpdates.map((u) => u.postId), scheduleUpdates.map((u) => u.dueAt), scheduleUpdates.map((u) => u.dispatch)],
        );
      }
      // Last, as in claim(): the first transition takes the workspace's audit lock until commit.
      await this.transitions.applyMany(tx, transitions, 'system');
      if (retries.length > 0) this.afterCommit.run(tx, () => this.queue.enqueue(retries));
      return results;
    });
  }

  /** Runs taken from a dead worker: its calls in flight may or may not have gone out. */
  private async abandonInFlight(tx: EntityManager, taken: TakenOver[]): Promise<void> {
    if (taken.length === 0) return;
    const lost = JSON.stringify({ outcome: 'unknown', error: 'the worker was lost during the call' });
    await tx.query(
      `UPDATE publication_attempts a SET outcome = 'unknown', finished_at = now(), error = 'the worker was lost during the call'
         FROM publications p WHERE a.publication_id = p.id AND p.post_id = ANY($1::uuid[]) AND a.outcome = 'in_flight'`,
      [taken.map((t) => t.postId)],
    );
    // Requeued: another run calls them again, with the same key. Failed: no run will.
    await tx.query(
      `UPDATE publications p
          SET status = CASE WHEN k.outcome = 'failed' THEN 'failed' ELSE 'retrying' END,
              last_error = CASE WHEN p.status = 'in_flight' THEN $4::jsonb ELSE p.last_error END,
              updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS k(post_id, revision, outcome)
        WHERE p.post_id = k.post_id AND p.revision = k.revision
          AND (p.status = 'in_flight' OR (k.outcome = 'failed' AND p.status IN ('pending', 'retrying')))`,
      [taken.map((t) => t.postId), taken.map((t) => t.revision), taken.map((t) => t.outcome), lost],
    );
  }

  private async lockSchedules(tx: EntityManager, postIds: readonly string[]): Promise<Map<string, PublishSchedule>> {
    if (postIds.length === 0) return new Map();
    const rows = await tx
      .getRepository(PublishSchedule)
      .createQueryBuilder('s')
      .where('s.postId IN (:...postIds)', { postIds })
      .orderBy('s.postId', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    return new Map(rows.map((r) => [r.postId, r]));
  }

  /** Everything the claims of a batch read, one query per kind. */
  private async loadFacts(tx: EntityManager, candidates: Candidate[], now: Date): Promise<ClaimFacts> {
    const posts = candidates.map((c) => c.post);
    const postIds = posts.map((p) => p.id);
    const workspaceIds = [...new Set(posts.map((p) => p.workspaceId))];
    const brandIds = [...new Set(posts.map((p) => p.brandId))];

    const revisionRows: { post_id: string; content: PostContent; content_hash: string }[] = await tx.query(
      `SELECT r.post_id, r.content, r.content_hash FROM post_revisions r
         JOIN unnest($1::uuid[], $2::int[]) AS k(post_id, number) ON r.post_id = k.post_id AND r.number = k.number`,
      [postIds, posts.map((p) => p.revision)],
    );
    const revisions = new Map(revisionRows.map((r) => [r.post_id, { content: r.content, contentHash: r.content_hash }]));
    const wanted = new Map(posts.map((p) => [p.id, p.revision]));

    const brands = new Map(
      (await tx.getRepository(Brand).createQueryBuilder('b').where('b.id IN (:...brandIds)', { brandIds }).getMany()).map((b) => [b.id, b]),
    );
    const pauses = await this.restrictions.activePauses(tx, workspaceIds);
    const blackouts = await this.restrictions.blackoutsOverlapping(tx, workspaceIds, now);
    const targets = await tx
      .getRepository(ChannelTarget)
      .createQueryBuilder('t')
      .where('t.brandId IN (:...brandIds)', { brandIds })
      .andWhere('t.workspaceId IN (:...workspaceIds)', { workspaceIds })
      .andWhere('t.deletedAt IS NULL')
      .getMany();
    const publications: PublicationRow[] = await tx.query(
      `SELECT id, post_id, revision, channel, status, attempts, last_error FROM publications WHERE post_id = ANY($1::uuid[])`,
      [postIds],
    );
    const decisions = await tx
      .getRepository(ReviewDecision)
      .createQueryBuilder('d')
      .leftJoin(User, 'u', 'u.id = d.decidedBy')
      .select(['d.postId', 'd.revision', 'd.stage', 'd.decidedBy', 'd.qualification', 'd.decidedAt', 'd.contentHash', 'd.comment', 'd.expiresAt'])
      .addSelect(['u.name', 'u.email'])
      .where('d.postId IN (:...postIds)', { postIds })
      .andWhere(`d.decision = 'approve'`)
      .andWhere('d.voidedAt IS NULL')
      .orderBy('d.decidedAt', 'ASC')
      .getRawMany<Record<string, unknown>>();

    const approvals = new Map<string, LiveApproval[]>();
    for (const d of decisions) {
      const postId = d.d_post_id as string;
      if (wanted.get(postId) !== d.d_revision) continue;
      const list = approvals.get(postId) ?? [];
      const decidedAt = d.d_decided_at as Date;
      list.push({
        stage: d.d_stage as string,
        contentHash: d.d_content_hash as string,
        expiresAt: (d.d_expires_at as Date | null) ?? null,
        archived: {
          stage: d.d_stage as string,
          decidedBy: d.d_decided_by as string,
          name: (d.u_name as string | null) ?? null,
          email: (d.u_email as string | null) ?? null,
          qualification: (d.d_qualification as Record<string, unknown>) ?? {},
          decidedAt: decidedAt.toISOString(),
          contentHash: d.d_content_hash as string,
          comment: (d.d_comment as string | null) ?? null,
        },
      });
      approvals.set(postId, list);
    }
    const overrides = await this.overrides.forWorkspaces(workspaceIds, tx);
    return { revisions, brands, pauses, blackouts, targets, publications, approvals, overrides };
  }

  /** Start of a run: the claim on the schedule row, one publication per channel, the attempts in flight. */
  private async writeClaims(tx: EntityManager, claimed: { candidate: Candidate; run: ClaimedRun }[], facts: ClaimFacts, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO publish_schedule (post_id, workspace_id, revision, due_at, dispatch, attempts, claim_token, claimed_by, claimed_at, updated_at)
       SELECT u.post_id, u.workspace_id, u.revision, u.due_at, u.dispatch, u.attempts, u.claim_token, $8, $9, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::uuid[]) AS u(post_id, workspace_id, revision, due_at, dispatch, attempts, claim_token)
       ON CONFLICT (post_id) DO UPDATE SET revision = EXCLUDED.revision, due_at = EXCLUDED.due_at, dispatch = EXCLUDED.dispatch, attempts = EXCLUDED.attempts,
         claim_token = EXCLUDED.claim_token, claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at, updated_at = now()`,
      [
        claimed.map((c) => c.run.postId),
        claimed.map((c) => c.run.workspaceId),
        claimed.map((c) => c.run.revision),
        claimed.map((c) => c.candidate.dueAt),
        claimed.map((c) => c.candidate.schedule?.dispatch ?? 0),
        claimed.map((c) => c.run.attempt),
        claimed.map((c) => c.run.claimToken),
        this.workerId,
        now,
      ],
    );

    const targetFor = new Map(facts.targets.map((t) => [`${t.brandId}:${t.channel}`, t]));
    const resolved = new Map<string, ResolvedTarget>();
    const resolve = (target: ChannelTarget): ResolvedTarget => {
      let r = resolved.get(target.id);
      if (!r) {
        r = {
          id: target.id,
          name: target.name,
          adapter: target.adapter,
          url: target.url,
          secret: target.secretSealed ? this.secrets.open(target.secretSealed) : null,
          accountId: target.accountId,
          connection: { status: target.connectionStatus, reason: target.connectionReason },
        };
        resolved.set(target.id, r);
      }
      return r;
    };
    const existing = new Map(facts.publications.map((p) => [`${p.post_id}:${p.revision}:${p.channel}`, p]));

    interface Planned {
      run: ClaimedRun;
      channel: string;
      target: ChannelTarget | undefined;
      previous: PublicationRow | undefined;
    }
    const planned: Planned[] = [];
    for (const { run } of claimed) {
      for (const channel of run.content.channels) {
        const previous = existing.get(`${run.postId}:${run.revision}:${channel}`);
        if (previous?.status === 'succeeded') continue; // never called again
        // A permanent failure is final within a run chain; a release starts a new chain that tries it again.
        if (previous?.status === 'failed' && run.attempt > 1) continue;
        planned.push({ run, channel, target: targetFor.get(`${run.content.brandId}:${channel}`), previous });
      }
    }
    if (planned.length === 0) return;

    const noTarget = JSON.stringify({ outcome: 'permanent_failure', error: 'no_target' });
    const upserted: { id: string; post_id: string; channel: string; attempts: number }[] = await tx.query(
      `INSERT INTO publications (workspace_id, post_id, revision, channel, target_id, idempotency_key, status, attempts, last_error, created_at, updated_at)
       SELECT u.workspace_id, u.post_id, u.revision, u.channel, u.target_id, u.idempotency_key, u.status, 1, u.last_error, now(), now()
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::jsonb[])
           AS u(workspace_id, post_id, revision, channel, target_id, idempotency_key, status, last_error)
       ON CONFLICT (post_id, revision, channel) DO UPDATE SET target_id = EXCLUDED.target_id, status = EXCLUDED.status,
         attempts = publications.attempts + 1, last_error = EXCLUDED.last_error, updated_at = now()
       RETURNING id, post_id, channel, attempts`,
      [
        planned.map((p) => p.run.workspaceId),
        planned.map((p) => p.run.postId),
        planned.map((p) => p.run.revision),
        planned.map((p) => p.channel),
        planned.map((p) => p.target?.id ?? null),
        planned.map((p) => idempotencyKey(p.run.postId, p.run.revision, p.channel)),
        planned.map((p) => (p.target ? 'in_flight' : 'failed')),
        planned.map((p) => (p.target ? null : noTarget)),
      ],
    );
    const publicationOf = new Map(upserted.map((u) => [`${u.post_id}:${u.channel}`, u]));
    const attempts: { id: string; publication_id: string }[] = await tx.query(
      `INSERT INTO publication_attempts (publication_id, number, worker, started_at, finished_at, outcome, error)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[])
       RETURNING id, publication_id`,
      [
        planned.map((p) => publicationOf.get(`${p.run.postId}:${p.channel}`)?.id),
        planned.map((p) => publicationOf.get(`${p.run.postId}:${p.channel}`)?.attempts),
        planned.map(() => this.workerId),
        planned.map(() => now),
        planned.map((p) => (p.target ? null : now)),
        planned.map((p) => (p.target ? 'in_flight' : 'permanent_failure')),
        planned.map((p) => (p.target ? null : 'no_target')),
      ],
    );
    const attemptOf = new Map(attempts.map((a) => [a.publication_id, a.id]));
    for (const p of planned) {
      if (!p.target) continue;
      const publication = publicationOf.get(`${p.run.postId}:${p.channel}`);
      const attemptId = publication ? attemptOf.get(publication.id) : undefined;
      if (!publication || !attemptId) throw new Error(`publication of ${p.run.postId}/${p.channel} was not written`);
      p.run.calls.push({
        publicationId: publication.id,
        attemptId: String(attemptId),
        channel: p.channel,
        idempotencyKey: idempotencyKey(p.run.postId, p.run.revision, p.channel),
        target: resolve(p.target),
        previousOutcome: p.previous?.last_error?.outcome ?? null,
      });
    }
  }

  /** One archive record per successful publication, with the evidence of what went out. */
  private async archive(tx: EntityManager, outcomes: readonly RunOutcome[]): Promise<void> {
    const rows = outcomes.flatMap(({ run, results }) =>
      results
        .filter((r) => r.result.outcome === 'success')
        .map((r) => ({
          run,
          call: r.call,
          externalId: r.result.outcome === 'success' ? r.result.externalId : null,
          publishedAt: r.finishedAt,
          retainUntil: retainUntil(r.finishedAt, run.evaluation.retention.years),
        })),
    );
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO archive_records (workspace_id, post_id, revision, channel, publication_id, external_id, idempotency_key, target_name, content_hash, title, body,
                                    locale, links, media, jurisdictions, approvals, evaluation, pack_versions, scheduled_at, published_at, retain_until)
       SELECT u.workspace_id, u.post_id, u.revision, u.channel, u.publication_id, u.external_id, u.idempotency_key, u.target_name, u.content_hash, u.title, u.body,
              u.locale, u.links, u.media, u.jurisdictions::text[], u.approvals, u.evaluation, u.pack_versions, u.scheduled_at, u.published_at, u.retain_until
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::jsonb[], $14::jsonb[], $15::text[], $16::jsonb[], $17::jsonb[], $18::jsonb[], $19::timestamptz[], $20::timestamptz[], $21::timestamptz[])
           AS u(workspace_id, post_id, revision, channel, publication_id, external_id, idempotency_key, target_name, content_hash, title, body,
                locale, links, media, jurisdictions, approvals, evaluation, pack_versions, scheduled_at, published_at, retain_until)
       ON CONFLICT (publication_id) DO NOTHING`,
      [
        rows.map((r) => r.run.workspaceId),
        rows.map((r) => r.run.postId),
        rows.map((r) => r.run.revision),
        rows.map((r) => r.call.channel),
        rows.map((r) => r.call.publicationId),
        rows.map((r) => r.externalId),
        rows.map((r) => r.call.idempotencyKey),
        rows.map((r) => r.call.target.name),
        rows.map((r) => r.run.contentHash),
        rows.map((r) => r.run.content.title),
        rows.map((r) => r.run.content.body),
        rows.map((r) => r.run.content.locale),
        rows.map((r) => JSON.stringify(r.run.content.links)),
        rows.map((r) => JSON.stringify(r.run.content.media)),
        // An array column cannot be one element of unnest's input: keep it as a Postgres array literal.
        rows.map((r) => `{${r.run.content.jurisdictions.map((j) => `"${j.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`),
        rows.map((r) => JSON.stringify(r.run.approvals)),
        rows.map((r) => JSON.stringify(r.run.evaluation)),
        rows.map((r) => JSON.stringify(r.run.evaluation.packVersions)),
        rows.map((r) => r.run.content.scheduledAt),
        rows.map((r) => r.publishedAt),
        rows.map((r) => r.retainUntil),
      ],
    );
  }

  /** Where every channel of these runs' revisions stands now (all runs included, not only this one). */
  private async standings(tx: EntityManager, outcomes: readonly RunOutcome[]): Promise<Map<string, (ChannelStanding & { error: string | null })[]>> {
    const rows: PublicationRow[] = await tx.query(
      `SELECT p.id, p.post_id, p.revision, p.channel, p.status, p.attempts, p.last_error
         FROM publications p JOIN unnest($1::uuid[], $2::int[]) AS k(post_id, revision) ON p.post_id = k.post_id AND p.revision = k.revision`,
      [outcomes.map((o) => o.run.postId), outcomes.map((o) => o.run.revision)],
    );
    const byRevision = new Map<string, (ChannelStanding & { error: string | null })[]>();
    for (const row of rows) {
      const key = `${row.post_id}:${row.revision}`;
      const list = byRevision.get(key) ?? [];
      list.push({ channel: row.channel, state: channelState(row), error: row.last_error?.error ?? null });
      byRevision.set(key, list);
    }
    return byRevision;
  }
}

/**
 * Why a job may not claim a post that is still `scheduled`: it is for an older revision or
 * dispatch (the post was edited, retried or released since), or it woke up early.
 */
function whyNotClaimable(request: PublishJobData, post: Post, schedule: PublishSchedule | null, dueAt: Date, now: Date): SkipReason | null {
  if (post.revision !== request.revision) return 'stale_revision';
  if ((schedule?.dispatch ?? 0) !== request.dispatch) return 'stale_dispatch';
  if (dueAt.getTime() - now.getTime() > NOT_DUE_TOLERANCE_MS) return 'not_due';
  return null;
}

function publicationStatusOf(result: AdapterResult): PublicationStatus {
  switch (result.outcome) {
    case 'success':
      return 'succeeded';
    case 'permanent_failure':
      return 'failed';
    case 'retryable_failure':
    case 'unknown':
    case 'reconnect_needed':
      return 'retrying';
  }
}

function channelState(row: PublicationRow): ChannelStanding['state'] {
  switch (row.status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'pending':
    case 'in_flight':
    case 'retrying':
      return row.last_error?.outcome === 'unknown' ? 'unknown' : row.last_error?.outcome === 'reconnect_needed' ? 'reconnect' : 'retryable';
  }
}
