import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotificationOutbox } from '../notifications/notification-outbox.service';
import { Recipients } from '../notifications/notification-recipients';
import type {
  AdapterResult,
  FindResult,
  LivePost,
  NetworkAdapter,
  NetworkAdapterKind,
  PublishRequest,
} from './adapters/channel-adapter';
import { compareContent, type ContentDifference } from './domain/content-comparison';
import type { ProofKind } from './entities/publication-proof.entity';
import type { ProofStatus } from './entities/publication.entity';
import type { ChannelCall, ClaimedRun } from './publish-ledger.service';
import { SocialRateLimiter } from './social-rate-limiter';

/** Reasons are shown to publishers; a network's message is cut to what the column holds. */
const REASON_CHARS = 500;

/** What reading a published post back found. */
interface Proof {
  externalId: string;
  live: LivePost | null;
  differences: ContentDifference[];
  status: ProofStatus;
  permalink: string | null;
}

/**
 * The social networks' side of a publish call, around the adapter: a channel that needs
 * reconnecting is not called; a call whose last outcome was unknown is looked for on the
 * network before anything is sent again (never twice); each account's rate is respected; a
 * refused token marks the channel; after a success the live post is read back and compared.
 */
@Injectable()
export class SocialPublisher {
  private readonly logger = new Logger(SocialPublisher.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly limiter: SocialRateLimiter,
    private readonly outbox: NotificationOutbox,
  ) {}

  async publish(
    run: ClaimedRun,
    call: ChannelCall,
    request: PublishRequest,
    adapter: NetworkAdapter,
  ): Promise<AdapterResult> {
    const connection = call.target.connection;
    if (connection?.status === 'needs_reconnect') {
      return { outcome: 'reconnect_needed', error: connection.reason ?? 'needs_reconnect' };
    }
    if (call.previousOutcome === 'unknown') {
      const found = await this.reconcile(run, call, request, adapter);
      if (found) return found;
    }
    request.onProgress = (checkpoint) => this.checkpoint(run, call, checkpoint);
    const slot = await this.limiter.slot(adapter.kind as NetworkAdapterKind, call.target.id);
    if (slot.kind === 'later') {
      return { outcome: 'retryable_failure', error: 'rate_limited_by_preclear', retryAt: slot.at };
    }
    const result = await adapter.publish(request);
    if (result.outcome === 'reconnect_needed') await this.markNeedsReconnect(run, call, result.error);
    return result;
  }

  /**
   * Before a retry of an unknown outcome: what the network shows. Found: the earlier call
   * went out, and it is that post's id that is recorded. Could not look: unknown again (the
   * next run looks again). Absent: a new call is safe.
   */
  private async reconcile(
    run: ClaimedRun,
    call: ChannelCall,
    request: PublishRequest,
    adapter: NetworkAdapter,
  ): Promise<AdapterResult | null> {
    let found: FindResult;
    const rows: { external_id: string }[] = await this.dataSource.query(
      `SELECT external_id FROM publication_proofs WHERE publication_id = $1 AND kind = 'checkpoint' ORDER BY id DESC LIMIT 1`,
      [call.publicationId],
    );
    request.resumeFrom = rows[0]?.external_id ?? null;
    try {
      found = await adapter.findExisting(request);
    } catch (error) {
      found = { kind: 'unavailable', error: error instanceof Error ? error.message : String(error) };
    }
    if (found.kind === 'unavailable') return { outcome: 'unknown', error: `lookup_failed: ${found.error}` };
    const kind: ProofKind = found.kind === 'found' ? 'found' : 'not_found';
    const post = found.kind === 'found' ? found.post : null;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO publication_proofs (workspace_id, publication_id, kind, external_id, permalink, matches, differences, live) VALUES ($1, $2, $3, $4, $5, $6, '[]', $7)`,
        [
          run.workspaceId,
          call.publicationId,
          kind,
          post?.externalId ?? null,
          post?.permalink ?? null,
          post ? true : null,
          post ? JSON.stringify(post.raw) : null,
        ],
      );
      await this.audit.record(
        {
          workspaceId: run.workspaceId,
          actor: 'system',
          action: 'publication.reconciled',
          subject: `post:${run.postId}`,
          data: {
            channel: call.channel,
            publicationId: call.publicationId,
            found: kind === 'found',
            externalId: post?.externalId ?? null,
            searched: found.kind === 'absent' ? found.searched : null,
          },
        },
        tx,
      );
    });
    return post ? { outcome: 'success', externalId: post.externalId, permalink: post.permalink } : null;
  }

  /**
   * A step a call reached on the network (Instagram's container),
   * kept so that a lookup after an unknown outcome can ask about it.
   */
  private async checkpoint(run: ClaimedRun, call: ChannelCall, checkpoint: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO publication_proofs (workspace_id, publication_id, kind, external_id, differences) VALUES ($1, $2, 'checkpoint', $3, '[]')`,
      [run.workspaceId, call.publicationId, checkpoint],
    );
  }

  private async markNeedsReconnect(run: ClaimedRun, call: ChannelCall, reason: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const changed: unknown[] = await tx.query(
        `UPDATE channel_targets SET connection_status = 'needs_reconnect', connection_reason = $2 WHERE id = $1 AND connection_status <> 'needs_reconnect' RETURNING id`,
        [call.target.id, reason.slice(0, REASON_CHARS)],
      );
      // Once per loss of connection, not once per held post.
      if (changed.length === 0) return;
      await this.audit.record(
        {
          workspaceId: run.workspaceId,
          actor: 'system',
          action: 'channel.needs_reconnect',
          subject: `channel:${call.target.id}`,
          data: { channel: call.channel, reason: reason.slice(0, REASON_CHARS) },
        },
        tx,
      );
    });
  }

  /**
   * Proof of publication, after the run is recorded: the network's permalink, the live post as
   * the network shows it (archived), and whether it is what was approved. A post that differs
   * is marked and audited so publishers and compliance reviewers see it.
   */
  async prove(
    run: ClaimedRun,
    call: ChannelCall,
    request: PublishRequest,
    adapter: NetworkAdapter,
    result: AdapterResult,
  ): Promise<void> {
    if (result.outcome !== 'success' || !result.externalId) return;
    const live = await this.readBack(run, call, request, adapter, result.externalId);
    const differences: ContentDifference[] = live
      ? compareContent(
          { body: adapter.approvedText(request), links: request.links, mediaCount: request.attachments.length },
          live,
        )
      : [];
    const proof: Proof = {
      externalId: result.externalId,
      live,
      differences,
      status: live === null ? 'unverified' : differences.length > 0 ? 'differs' : 'matches',
      permalink: live?.permalink ?? result.permalink ?? null,
    };
    await this.dataSource.transaction((tx) => this.recordProof(tx, run, call, proof));
  }

  /** The live post as the network shows it; null when it cannot be read (the proof stays unverified). */
  private async readBack(
    run: ClaimedRun,
    call: ChannelCall,
    request: PublishRequest,
    adapter: NetworkAdapter,
    externalId: string,
  ): Promise<LivePost | null> {
    try {
      return await adapter.readBack(request, externalId);
    } catch (error) {
      this.logger.warn({ err: error, postId: run.postId, channel: call.channel }, 'reading the live post back failed');
      return null;
    }
  }

  /**
   * The proof on the publication, the live post archived when
   * there is one, the audit entry, and the notice if it differs.
   */
  private async recordProof(tx: EntityManager, run: ClaimedRun, call: ChannelCall, proof: Proof): Promise<void> {
    const { live, differences, status, permalink } = proof;
    await tx.query(
      `UPDATE publications SET permalink = $2, proof_status = $3, proof_differences = $4, updated_at = now() WHERE id = $1`,
      [call.publicationId, permalink, status, JSON.stringify(differences)],
    );
    if (live) {
      await tx.query(
        `INSERT INTO publication_proofs (workspace_id, publication_id, kind, external_id, permalink, matches, differences, live) VALUES ($1, $2, 'readback', $3, $4, $5, $6, $7)`,
        [
          run.workspaceId,
          call.publicationId,
          live.externalId,
          permalink,
          differences.length === 0,
          JSON.stringify(differences),
          JSON.stringify(live.raw),
        ],
      );
    }
    await this.audit.record(
      {
        workspaceId: run.workspaceId,
        actor: 'system',
        action: status === 'differs' ? 'publication.differs' : 'publication.verified',
        subject: `post:${run.postId}`,
        data: {
          channel: call.channel,
          publicationId: call.publicationId,
          externalId: proof.externalId,
          permalink,
          proofStatus: status,
          differences,
        },
      },
      tx,
    );
    if (status === 'differs') await this.tellDiffers(tx, run, call);
  }

  /** Publishers and compliance reviewers learn that what went live is not what they approved. */
  private async tellDiffers(tx: EntityManager, run: ClaimedRun, call: ChannelCall): Promise<void> {
    const recipients = [
      ...(await Recipients.publishers(tx, run.workspaceId)),
      ...(await Recipients.withRole(tx, run.workspaceId, 'reviewer', null)),
    ];
    const title = run.content.title;
    await this.outbox.record(tx, [
      {
        workspaceId: run.workspaceId,
        event: 'publication_differs',
        postId: run.postId,
        key: `publication_differs:${call.publicationId}`,
        recipients: [...new Set(recipients)],
        params: { title, channel: call.channel },
      },
    ]);
  }
}
