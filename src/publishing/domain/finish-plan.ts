import type { Post } from '../../calendar/entities/post.entity';
import type { DueJob } from '../../scheduling/publish-queue.service';
import type { RunSettlement } from '../../scheduling/schedule-store.service';
import type { FinishResult, RunOutcome } from '../publish-run';
import { retryDelayMs } from './backoff';
import { reconnectHoldReason, retryDueAt } from './network-outcomes';
import { rollup, type ChannelStanding, type Rollup } from './rollup';

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

type Transition = FinishPlan['transitions'][number];

/** One run still holding its claim, with where each of its channels stands now. */
interface HeldRun {
  outcome: RunOutcome;
  post: Post;
  dispatch: number;
  channels: Standing[];
}

/**
 * What the end of each run means, decided before anything is written: a run whose claim was
 * taken over (or whose post moved on) records nothing more; otherwise the channels' standings
 * roll up to published, a retry after the backoff, held for a reconnect, or failed.
 */
export function planFinish(input: FinishInput): FinishPlan {
  const plan: FinishPlan = { results: [], transitions: [], settlements: [], retries: [], failedRevisions: [] };
  for (const outcome of input.outcomes) {
    const held = stillHeld(input, outcome);
    if (!held) {
      plan.results.push({ kind: 'lost_claim' });
      continue;
    }
    const rolled = rollup(
      held.outcome.run.content.channels.map(standingOf(held)),
      held.outcome.run.attempt,
      input.maxAttempts,
    );
    if (rolled.kind === 'retry') {
      planRetry(plan, held, rolled, input);
      continue;
    }
    const { post } = held;
    plan.transitions.push(endTransition(held, rolled));
    plan.settlements.push({ postId: post.id, dueAt: null, dispatch: null });
    plan.results.push({ kind: rolled.kind });
    if (rolled.kind === 'failed') plan.failedRevisions.push({ postId: post.id, revision: post.revision });
  }
  return plan;
}

/** The run's post and schedule row, if the run still holds its claim on the revision it published. */
function stillHeld(input: FinishInput, outcome: RunOutcome): HeldRun | null {
  const { run } = outcome;
  const post = input.posts.get(run.postId);
  const row = input.schedules.get(run.postId);
  if (!post || !row || post.status !== 'publishing' || post.revision !== run.revision) return null;
  if (row.claimToken !== run.claimToken) return null;
  return {
    outcome,
    post,
    dispatch: row.dispatch,
    channels: input.standings.get(`${run.postId}:${run.revision}`) ?? [],
  };
}

/** A channel's standing; one with no publication yet counts as retryable. */
function standingOf(held: HeldRun): (channel: string) => Standing {
  return (channel) => held.channels.find((c) => c.channel === channel) ?? { channel, state: 'retryable', error: null };
}

/** Back on the schedule after the backoff (or a later time a network's rate limit names), under the next dispatch. */
function planRetry(
  plan: FinishPlan,
  held: HeldRun,
  rolled: Extract<Rollup, { kind: 'retry' }>,
  input: FinishInput,
): void {
  const { post, outcome } = held;
  const dueAt = retryDueAt(input.now, retryDelayMs(outcome.run.attempt, input.backoffMs), outcome.results);
  const dispatch = held.dispatch + 1;
  const reason = {
    code: 'retrying',
    messageKey: 'publishing:reasons.retrying',
    attempt: outcome.run.attempt,
    nextAttemptAt: dueAt.toISOString(),
    channels: held.channels
      .filter((c) => rolled.channels.includes(c.channel))
      .map((c) => ({ channel: c.channel, outcome: c.state, error: c.error })),
  };
  plan.transitions.push({ post, event: 'requeue', reason });
  plan.settlements.push({ postId: post.id, dueAt, dispatch });
  plan.retries.push({
    data: { postId: post.id, workspaceId: post.workspaceId, revision: post.revision, dispatch },
    dueAt,
  });
  plan.results.push({ kind: 'retry', dueAt });
}

/** The transition that ends the run: published; held until a publisher reconnects and releases it; or failed. */
function endTransition(held: HeldRun, rolled: Exclude<Rollup, { kind: 'retry' }>): Transition {
  const { post } = held;
  switch (rolled.kind) {
    case 'published':
      return { post, event: 'publish_succeeded', reason: null };
    case 'held':
      // The post is fine, a connection is not.
      return { post, event: 'hold', reason: reconnectHoldReason(rolled.channels, held.channels) };
    case 'failed': {
      const standing = standingOf(held);
      const failed = rolled.failed.map((f) => ({
        channel: f.channel,
        outcome: f.state,
        error: standing(f.channel).error,
      }));
      const reason = {
        code: 'publish_failed',
        messageKey: 'publishing:reasons.publishFailed',
        attempts: held.outcome.run.attempt,
        failed,
        published: rolled.succeeded,
      };
      return { post, event: 'publish_failed', reason };
    }
  }
}
