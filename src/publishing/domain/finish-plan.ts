import type { Post } from '../../calendar/entities/post.entity';
import type { DueJob } from '../../scheduling/publish-queue.service';
import type { RunSettlement } from '../../scheduling/schedule-store.service';
import type { FinishResult, RunOutcome } from '../publish-run';
import { retryDelayMs } from './backoff';
import { reconnectHoldReason, retryDueAt } from './network-outcomes';
import { rollup, type ChannelStanding } from './rollup';

type Standing = ChannelStanding & { error: string | null };

export interface FinishInput {
  outcomes: readonly RunOutcome[];
  posts: Map<string, Post>;
  /** The locked schedule rows: the claim token the run must still hold, the dispatch a retry follows. */
  schedules: Map<string, { claimToken: string | null; dispatch: number }>;
  standings: Map<string, Standing[]>;
  now: Date;
  maxAttempts: number;
  backoffMs: number;
}

export interface FinishPlan {
  results: FinishResult[];
  transitions: {
    post: Post;
    event: 'publish_succeeded' | 'requeue' | 'publish_failed' | 'hold';
    reason: Record<string, unknown> | null;
  }[];
  settlements: RunSettlement[];
  retries: DueJob[];
  failedRevisions: { postId: string; revision: number }[];
}

/**
 * What the end of each run means, decided before anything is written: a run whose claim was
 * taken over (or whose post moved on) records nothing more; otherwise the channels' standings
 * roll up to published, a retry after the backoff, held for a reconnect, or failed.
 */
// eslint-disable-next-line max-lines-per-function -- TEMPORARY, split before the end of this session (issue 14)
export function planFinish(input: FinishInput): FinishPlan {
  const plan: FinishPlan = { results: [], transitions: [], settlements: [], retries: [], failedRevisions: [] };
  for (const { run, results } of input.outcomes) {
    const post = input.posts.get(run.postId);
    const row = input.schedules.get(run.postId);
    if (
      !post ||
      !row ||
      post.status !== 'publishing' ||
      post.revision !== run.revision ||
      row.claimToken !== run.claimToken
    ) {
      plan.results.push({ kind: 'lost_claim' });
      continue;
    }
    const channels = input.standings.get(`${run.postId}:${run.revision}`) ?? [];
    const standing = (channel: string): Standing =>
      channels.find((c) => c.channel === channel) ?? { channel, state: 'retryable', error: null };
    const outcome = rollup(run.content.channels.map(standing), run.attempt, input.maxAttempts);
    switch (outcome.kind) {
      case 'published':
        plan.transitions.push({ post, event: 'publish_succeeded', reason: null });
        plan.settlements.push({ postId: post.id, dueAt: null, dispatch: null });
        plan.results.push({ kind: 'published' });
        break;
      case 'retry': {
        // A network's rate limit may name a later time than the backoff.
        const dueAt = retryDueAt(input.now, retryDelayMs(run.attempt, input.backoffMs), results);
        const dispatch = row.dispatch + 1;
        const retrying = channels
          .filter((c) => outcome.channels.includes(c.channel))
          .map((c) => ({ channel: c.channel, outcome: c.state, error: c.error }));
        const reason = {
          code: 'retrying',
          messageKey: 'publishing:reasons.retrying',
          attempt: run.attempt,
          nextAttemptAt: dueAt.toISOString(),
          channels: retrying,
        };
        plan.transitions.push({ post, event: 'requeue', reason });
        plan.settlements.push({ postId: post.id, dueAt, dispatch });
        plan.retries.push({
          data: { postId: post.id, workspaceId: post.workspaceId, revision: post.revision, dispatch },
          dueAt,
        });
        plan.results.push({ kind: 'retry', dueAt });
        break;
      }
      case 'held':
        // The post is fine, a connection is not: held until a publisher reconnects and releases it.
        plan.transitions.push({ post, event: 'hold', reason: reconnectHoldReason(outcome.channels, channels) });
        plan.settlements.push({ postId: post.id, dueAt: null, dispatch: null });
        plan.results.push({ kind: 'held' });
        break;
      case 'failed': {
        const failed = outcome.failed.map((f) => ({
          channel: f.channel,
          outcome: f.state,
          error: standing(f.channel).error,
        }));
        const reason = {
          code: 'publish_failed',
          messageKey: 'publishing:reasons.publishFailed',
          attempts: run.attempt,
          failed,
          published: outcome.succeeded,
        };
        plan.failedRevisions.push({ postId: post.id, revision: post.revision });
        plan.transitions.push({ post, event: 'publish_failed', reason });
        plan.settlements.push({ postId: post.id, dueAt: null, dispatch: null });
        plan.results.push({ kind: 'failed' });
        break;
      }
    }
  }
  return plan;
}
