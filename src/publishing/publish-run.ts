import type { Evaluation } from '@preclear/rules-engine';
import type { PostContent } from '../calendar/domain/post-content';
import type { AdapterResult, ResolvedTarget } from './adapters/channel-adapter';
import type { ArchivedApproval } from './entities/archive-record.entity';

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

export type FinishResult =
  | { kind: 'published' }
  | { kind: 'held' }
  | { kind: 'retry'; dueAt: Date }
  | { kind: 'failed' }
  | { kind: 'lost_claim' };
