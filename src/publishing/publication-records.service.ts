import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TakenOver } from '../scheduling/scheduling-events';
import { WORKER_ID } from '../scheduling/worker-identity';
import type { AdapterResult, ResolvedTarget } from './adapters/channel-adapter';
import { idempotencyKey } from './domain/idempotency-key';
import type { ChannelStanding } from './domain/rollup';
import type { ChannelTarget } from './entities/channel-target.entity';
import type { PublicationStatus } from './entities/publication.entity';
import type { ClaimedRun, RunOutcome } from './publish-run';
import { SECRET_BOX, type SecretBox } from './secret-box';

export interface PublicationRow {
  id: string;
  post_id: string;
  revision: number;
  channel: string;
  status: PublicationStatus;
  attempts: number;
  last_error: { outcome?: string; error?: string } | null;
}

export type Standing = ChannelStanding & { error: string | null };

/** A channel a claimed run will call (or record as failed at once: no target). */
interface Planned {
  run: ClaimedRun;
  channel: string;
  target: ChannelTarget | undefined;
  previous: PublicationRow | undefined;
}

/**
 * Publishing's own tables: `publications` (one per post, revision and channel) and their
 * `publication_attempts` (one per call). Every method writes inside the caller's transaction.
 */
@Injectable()
export class PublicationRecords {
  constructor(
    @Inject(WORKER_ID) private readonly workerId: string,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
  ) {}

  async ofPosts(tx: EntityManager, postIds: readonly string[]): Promise<PublicationRow[]> {
    return tx.query(
      `SELECT id, post_id, revision, channel, status, attempts, last_error FROM publications WHERE post_id = ANY($1::uuid[])`,
      [postIds],
    );
  }

  /**
   * Start of the claimed runs: one publication per channel still to call, the attempts in
   * flight, and each run's calls. A channel that succeeded is never called again; a permanent
   * failure is final within a run chain (a release starts a new chain that tries it again).
   */
  async open(
    tx: EntityManager,
    runs: readonly ClaimedRun[],
    targets: readonly ChannelTarget[],
    existing: readonly PublicationRow[],
    now: Date,
  ): Promise<void> {
    const targetFor = new Map(targets.map((t) => [`${t.brandId}:${t.channel}`, t]));
    const before = new Map(existing.map((p) => [`${p.post_id}:${p.revision}:${p.channel}`, p]));
    const planned: Planned[] = runs.flatMap((run) =>
      run.content.channels
        .map((channel) => ({
          run,
          channel,
          target: targetFor.get(`${run.content.brandId}:${channel}`),
          previous: before.get(`${run.postId}:${run.revision}:${channel}`),
        }))
        .filter(
          ({ previous }) => previous?.status !== 'succeeded' && !(previous?.status === 'failed' && run.attempt > 1),
        ),
    );
    if (planned.length === 0) return;
    const written = await this.writeOpened(tx, planned, now);
    const resolved = new Map<string, ResolvedTarget>();
    for (const p of planned) {
      if (!p.target) continue;
      const row = written.get(`${p.run.postId}:${p.channel}`);
      if (!row) throw new Error(`publication of ${p.run.postId}/${p.channel} was not written`);
      let target = resolved.get(p.target.id);
      if (!target) resolved.set(p.target.id, (target = this.resolve(p.target)));
      const previousOutcome = p.previous?.last_error?.outcome ?? null;
      p.run.calls.push({
        publicationId: row.publication_id,
        attemptId: String(row.attempt_id),
        channel: p.channel,
        idempotencyKey: keyOf(p),
        target,
        previousOutcome,
      });
    }
  }

  /**
   * What each channel answered, whoever holds the claim now (it is what happened; a success is
   * final), and then where every channel of these runs' revisions stands (all runs included,
   * not only this one), in one statement: the answers are written by data-modifying CTEs, and
   * the standings read through what they return, since the statement's snapshot predates them.
   */
  async recordAnswers(tx: EntityManager, outcomes: readonly RunOutcome[]): Promise<Map<string, Standing[]>> {
    const calls = outcomes.flatMap((o) => o.results);
    const rows: PublicationRow[] = await tx.query(
      `WITH answer AS (
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::timestamptz[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[])
           AS u(attempt_id, publication_id, outcome, finished_at, http_status, external_id, error, response_excerpt, status, last_error)
       ), attempt AS (
         UPDATE publication_attempts a
            SET outcome = u.outcome, finished_at = u.finished_at, http_status = u.http_status, external_id = u.external_id,
                error = u.error, response_excerpt = u.response_excerpt
           FROM answer u WHERE a.id = u.attempt_id
       ), answered AS (
         -- A late failure report of an older call never overwrites a success.
         UPDATE publications p
            SET status = CASE WHEN p.status = 'succeeded' THEN p.status ELSE u.status END,
                external_id = CASE WHEN p.status = 'succeeded' THEN p.external_id ELSE u.external_id END,
                last_error = CASE WHEN p.status = 'succeeded' OR u.status = 'succeeded' THEN NULL ELSE u.last_error END,
                published_at = COALESCE(p.published_at, CASE WHEN u.outcome = 'success' THEN u.finished_at END),
                updated_at = now()
           FROM answer u WHERE p.id = u.publication_id
         RETURNING p.id, p.status, p.last_error
       )
       SELECT p.id, p.post_id, p.revision, p.channel, COALESCE(x.status, p.status) AS status, p.attempts,
              CASE WHEN x.id IS NULL THEN p.last_error ELSE x.last_error END AS last_error
         FROM publications p
         JOIN unnest($11::uuid[], $12::int[]) AS k(post_id, revision) ON p.post_id = k.post_id AND p.revision = k.revision
         LEFT JOIN answered x ON x.id = p.id`,
      [
        calls.map((c) => c.call.attemptId),
        calls.map((c) => c.call.publicationId),
        calls.map((c) => c.result.outcome),
        calls.map((c) => c.finishedAt),
        calls.map((c) => c.result.httpStatus ?? null),
        calls.map((c) => (c.result.outcome === 'success' ? c.result.externalId : null)),
        calls.map((c) => (c.result.outcome === 'success' ? null : c.result.error)),
        calls.map((c) => (c.result.outcome === 'success' ? null : (c.result.responseExcerpt ?? null))),
        calls.map((c) => publicationStatusOf(c.result)),
        calls.map((c) =>
          c.result.outcome === 'success'
            ? null
            : JSON.stringify({
                outcome: c.result.outcome,
                error: c.result.error,
                httpStatus: c.result.httpStatus ?? null,
              }),
        ),
        outcomes.map((o) => o.run.postId),
        outcomes.map((o) => o.run.revision),
      ],
    );
    return standingsOf(rows);
  }

  /** A failed post: its channels still open will not be called again in this chain. */
  async failOpen(tx: EntityManager, revisions: readonly { postId: string; revision: number }[]): Promise<void> {
    if (revisions.length === 0) return;
    await tx.query(
      `UPDATE publications p SET status = 'failed', updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS k(post_id, revision)
        WHERE p.post_id = k.post_id AND p.revision = k.revision AND p.status IN ('pending', 'in_flight', 'retrying')`,
      [revisions.map((f) => f.postId), revisions.map((f) => f.revision)],
    );
  }

  /** RunsTakenOver (subscribed in PublishingModule): a dead worker's calls in flight may or may not have gone out. */
  async onRunsTakenOver(tx: EntityManager, taken: readonly TakenOver[]): Promise<void> {
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

  /**
   * The publications (new, or the next attempt of an existing one) and one attempt each, in
   * one statement: `in_flight` for a channel to call, failed for good without a target.
   */
  private async writeOpened(
    tx: EntityManager,
    planned: readonly Planned[],
    now: Date,
  ): Promise<Map<string, { publication_id: string; attempt_id: string }>> {
    const noTarget = JSON.stringify({ outcome: 'permanent_failure', error: 'no_target' });
    const rows: { publication_id: string; attempt_id: string; post_id: string; channel: string }[] = await tx.query(
      `WITH planned AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::uuid[], $6::text[])
           AS u(workspace_id, post_id, revision, channel, target_id, idempotency_key)
       ), publication AS (
         INSERT INTO publications (workspace_id, post_id, revision, channel, target_id, idempotency_key, status, attempts, last_error, created_at, updated_at)
         SELECT u.workspace_id, u.post_id, u.revision, u.channel, u.target_id, u.idempotency_key,
                CASE WHEN u.target_id IS NULL THEN 'failed' ELSE 'in_flight' END, 1,
                CASE WHEN u.target_id IS NULL THEN $9::jsonb END, now(), now()
           FROM planned u
         ON CONFLICT (post_id, revision, channel) DO UPDATE SET target_id = EXCLUDED.target_id, status = EXCLUDED.status,
           attempts = publications.attempts + 1, last_error = EXCLUDED.last_error, updated_at = now()
         RETURNING id, post_id, channel, attempts, target_id
       ), attempt AS (
         INSERT INTO publication_attempts (publication_id, number, worker, started_at, finished_at, outcome, error)
         SELECT p.id, p.attempts, $7, $8,
                CASE WHEN p.target_id IS NULL THEN $8::timestamptz END,
                CASE WHEN p.target_id IS NULL THEN 'permanent_failure' ELSE 'in_flight' END,
                CASE WHEN p.target_id IS NULL THEN 'no_target' END
           FROM publication p
         RETURNING id, publication_id
       )
       SELECT p.id AS publication_id, a.id AS attempt_id, p.post_id, p.channel
         FROM publication p JOIN attempt a ON a.publication_id = p.id`,
      [
        planned.map((p) => p.run.workspaceId),
        planned.map((p) => p.run.postId),
        planned.map((p) => p.run.revision),
        planned.map((p) => p.channel),
        planned.map((p) => p.target?.id ?? null),
        planned.map(keyOf),
        this.workerId,
        now,
        noTarget,
      ],
    );
    return new Map(rows.map((r) => [`${r.post_id}:${r.channel}`, r]));
  }

  private resolve(target: ChannelTarget): ResolvedTarget {
    return {
      id: target.id,
      name: target.name,
      adapter: target.adapter,
      url: target.url,
      secret: target.secretSealed ? this.secrets.open(target.secretSealed) : null,
      accountId: target.accountId,
      connection: { status: target.connectionStatus, reason: target.connectionReason },
    };
  }
}

function standingsOf(rows: readonly PublicationRow[]): Map<string, Standing[]> {
  const byRevision = new Map<string, Standing[]>();
  for (const row of rows) {
    const key = `${row.post_id}:${row.revision}`;
    const standings = byRevision.get(key) ?? [];
    standings.push({ channel: row.channel, state: channelState(row), error: row.last_error?.error ?? null });
    byRevision.set(key, standings);
  }
  return byRevision;
}

function keyOf(p: Planned): string {
  return idempotencyKey(p.run.postId, p.run.revision, p.channel);
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
      return row.last_error?.outcome === 'unknown'
        ? 'unknown'
        : row.last_error?.outcome === 'reconnect_needed'
          ? 'reconnect'
          : 'retryable';
  }
}
