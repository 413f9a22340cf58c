import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { PublishJobData } from '../scheduling/domain/publish-job';
import type { AdapterResult, PublishMedia, PublishRequest } from './adapters/channel-adapter';
import { ChannelAdapters } from './adapters/channel-adapters';
import { LinkedMedia } from './adapters/social/linked-media';
import { MediaAttachments } from '../media/media-attachments.service';
import { MicroBatcher } from './micro-batcher';
import { SocialPublisher } from './social-publisher.service';
import {
  PublishLedger,
  type CallResult,
  type ChannelCall,
  type ClaimedRun,
  type ClaimResult,
  type FinishResult,
  type RunOutcome,
} from './publish-ledger.service';
import { Clock } from '../common/clock/clock';

/** Claims and finishes per transaction under load (each takes the workspace's audit lock once). */
// 100 bounds how long one batch holds the workspace's audit lock (other writers of the
// workspace, e.g. an edit over HTTP, wait for it) while still amortising the commit. One batch
// of a kind at a time: a second one halved the batches (their cost is mostly per transaction,
// not per post) and cost more CPU per post than the overlap saved (measured, see README).
const BATCH = { maxBatch: 100, maxConcurrent: 1 };
/** Waits before trying a failed finish again; after the last one the lease takeover repairs it. */
const FINISH_RETRY_MS = [200, 1000, 3000];

export type RunReport = { claim: ClaimResult['kind']; finish?: FinishResult['kind'] };

/** The two write paths of one workspace. */
interface WorkspaceBatchers {
  claims: MicroBatcher<PublishJobData, ClaimResult>;
  finishes: MicroBatcher<RunOutcome, FinishResult>;
}

/**
 * One publish job from start to end: claim the post (or find it is not ours to publish),
 * call each open channel once, in parallel, then record the answers and roll the post up.
 *
 * Concurrent jobs share batched transactions, one pair of batchers per workspace: every
 * transition appends to the workspace's hash-chained audit log under that workspace's lock,
 * so a transaction that mixed workspaces would hold several such locks at once (serialising
 * unrelated tenants, and risking lock-order deadlocks with another instance).
 */
@Injectable()
export class PublishRunner implements OnModuleDestroy {
  private readonly logger = new Logger(PublishRunner.name);
  private readonly batchers = new Map<string, WorkspaceBatchers>();

  constructor(
    private readonly clock: Clock,
    private readonly ledger: PublishLedger,
    private readonly adapters: ChannelAdapters,
    private readonly media: MediaAttachments,
    private readonly social: SocialPublisher,
    private readonly linkedMedia: LinkedMedia,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.batchers.values()].flatMap((b) => [b.claims.drained(), b.finishes.drained()]));
  }

  async run(job: PublishJobData): Promise<RunReport> {
    const claim = await this.batchersOf(job.workspaceId).claims.submit(job);
    if (claim.kind !== 'claimed') return { claim: claim.kind };
    // Once per run: every channel gets the same approved media (the bytes are read only when an adapter asks).
    const attachments = await this.media
      .attachmentsFor(claim.run.workspaceId, claim.run.content.media)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, postId: claim.run.postId }, 'reading the media of a post failed');
        return null;
      });
    const results = await Promise.all(claim.run.calls.map((call) => this.call(claim.run, call, attachments)));
    const finish = await this.finish({ run: claim.run, results });
    await Promise.all(results.map((r) => this.prove(claim.run, r)));
    return { claim: claim.kind, finish: finish.kind };
  }

  private request(run: ClaimedRun, call: ChannelCall, attachments: PublishMedia[]): PublishRequest {
    return {
      postId: run.postId,
      revision: run.revision,
      channel: call.channel,
      body: run.content.body,
      links: run.content.links,
      media: run.content.media,
      attachments,
      scheduledAt: run.content.scheduledAt,
      idempotencyKey: call.idempotencyKey,
      target: call.target,
    };
  }

  private async call(
    run: ClaimedRun,
    call: ChannelCall,
    stored: PublishMedia[] | null,
  ): Promise<CallResult & { request?: PublishRequest }> {
    // Nothing was sent: without its media the post is not the approved one, so it waits for another try.
    if (!stored) {
      return {
        call,
        result: { outcome: 'retryable_failure', error: 'media_unavailable' },
        finishedAt: this.clock.now(),
      };
    }
    const network = this.adapters.network(call.target.adapter);
    let attachments = stored;
    if (network && stored.length === 0) {
      // Images given by URL (not uploaded to Preclear): the networks need their bytes too.
      try {
        attachments = await this.linkedMedia.attachments(run.content.media);
      } catch (error) {
        this.logger.warn({ err: error, postId: run.postId }, 'fetching a post image failed');
        return {
          call,
          result: { outcome: 'retryable_failure', error: 'media_unavailable' },
          finishedAt: this.clock.now(),
        };
      }
    }
    const request = this.request(run, call, attachments);
    let result: AdapterResult;
    try {
      result = network
        ? await this.social.publish(run, call, request, network)
        : await this.adapters.get(call.target.adapter).publish(request);
    } catch (error) {
      // An adapter that throws may have sent the post: the honest outcome is unknown.
      result = { outcome: 'unknown', error: error instanceof Error ? error.message : String(error) };
    }
    return { call, result, finishedAt: this.clock.now(), request };
  }

  /** Proof of publication for the networks' successes; a failure here never undoes the publication. */
  private async prove(
    run: ClaimedRun,
    { call, result, request }: CallResult & { request?: PublishRequest },
  ): Promise<void> {
    const network = this.adapters.network(call.target.adapter);
    if (!network || result.outcome !== 'success') return;
    try {
      await this.social.prove(run, call, request ?? this.request(run, call, []), network, result);
    } catch (error) {
      this.logger.warn(
        { err: error, postId: run.postId, channel: call.channel },
        'recording the proof of publication failed',
      );
    }
  }

  private async finish(outcome: RunOutcome): Promise<FinishResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.batchersOf(outcome.run.workspaceId).finishes.submit(outcome);
      } catch (error) {
        if (attempt >= FINISH_RETRY_MS.length) throw error;
        this.logger.warn({ err: error, postId: outcome.run.postId }, 'recording a publication failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, FINISH_RETRY_MS[attempt]));
      }
    }
  }

  private batchersOf(workspaceId: string): WorkspaceBatchers {
    let batchers = this.batchers.get(workspaceId);
    if (!batchers) {
      batchers = {
        claims: new MicroBatcher((items) => this.ledger.claim(items), BATCH),
        finishes: new MicroBatcher((items) => this.ledger.finish(items), BATCH),
      };
      this.batchers.set(workspaceId, batchers);
    }
    return batchers;
  }
}
