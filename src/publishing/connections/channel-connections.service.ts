import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { DestinationGuard } from '../../common/net/destination-guard';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { NETWORK_ADAPTER_KINDS, type NetworkAdapterKind } from '../adapters/channel-adapter';
import { ChannelTarget } from '../entities/channel-target.entity';
import { SECRET_BOX, type SecretBox } from '../secret-box';
import { TOKEN_EXPIRED_REASON } from './channel-health';
import { guardedFetch, NetworkUnavailableError } from './guarded-fetch';
import { OAuthClient, OAuthRefusedError, refusalReason } from './oauth-client';
import { oauthProfile, providerOf, REFRESH_WINDOW_MS, type OAuthProvider } from './oauth-networks';
import { Clock } from '../../common/clock/clock';

/** What the publishing code gets: a token to publish with, or why the channel cannot publish. */
export type FreshToken =
  | { status: 'fresh'; accessToken: string; expiresAt: Date | null }
  | { status: 'needs_reconnect'; reason: string };

export interface RefreshSweepReport {
  refreshed: number;
  needsReconnect: number;
  /** Transient failures (network down, 5xx): tried again at the next sweep or publish. */
  deferred: number;
}

/** A publish refreshes a token with less than this left, so it cannot expire in flight. */
const PUBLISH_MARGIN_MS = 5 * 60_000;
const NOT_CONNECTED_REASON = 'not_connected';

const isNetworkKind = (adapter: string): adapter is NetworkAdapterKind =>
  (NETWORK_ADAPTER_KINDS as readonly string[]).includes(adapter);

/**
 * The health of connected accounts: tokens refreshed before they expire (by the sweep and
 * right before a publish) and `needs_reconnect` with the network's reason once the network
 * refuses them. A refresh runs under the target's row lock: X rotates refresh tokens, so two
 * instances refreshing with the same one would lose the connection.
 */
@Injectable()
export class ChannelConnections {
  private readonly logger = new Logger(ChannelConnections.name);
  private readonly fetcher: typeof fetch;

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    guard: DestinationGuard,
  ) {
    this.fetcher = guardedFetch(guard, config.WEBHOOK_TIMEOUT_MS);
  }

  /**
   * The token to publish with, refreshed first when it expires within a few minutes. A
   * transient refresh failure with the old token still valid returns the old token; with the
   * old token expired it throws NetworkUnavailableError (retry the publish later).
   */
  async ensureFreshToken(targetId: string, now = this.clock.now()): Promise<FreshToken> {
    return this.dataSource.transaction(async (tx) => {
      const target = await tx
        .getRepository(ChannelTarget)
        .findOne({ where: { id: targetId }, lock: { mode: 'pessimistic_write' } });
      if (!target || target.deletedAt !== null || target.secretSealed === null) {
        return { status: 'needs_reconnect', reason: NOT_CONNECTED_REASON };
      }
      if (target.connectionStatus === 'needs_reconnect') {
        return { status: 'needs_reconnect', reason: target.connectionReason ?? NOT_CONNECTED_REASON };
      }
      const expiresIn = target.tokenExpiresAt ? target.tokenExpiresAt.getTime() - now.getTime() : Infinity;
      if (expiresIn > PUBLISH_MARGIN_MS) return this.fresh(target);
      if (target.refreshTokenSealed === null || !isNetworkKind(target.adapter)) {
        if (expiresIn > 0) return this.fresh(target);
        await this.setNeedsReconnect(tx, target, TOKEN_EXPIRED_REASON);
        return { status: 'needs_reconnect', reason: TOKEN_EXPIRED_REASON };
      }
      try {
        await this.refreshLocked(tx, target);
        return this.fresh(target);
      } catch (error) {
        if (error instanceof OAuthRefusedError) return { status: 'needs_reconnect', reason: refusalReason(error) };
        if (expiresIn > 0) return this.fresh(target);
        throw error;
      }
    });
  }

  /**
   * The publishing side learned the token no longer works (e.g.
   * Graph API code 190): hold the channel until a reconnect.
   */
  async markNeedsReconnect(targetId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const target = await tx
        .getRepository(ChannelTarget)
        .findOne({ where: { id: targetId }, lock: { mode: 'pessimistic_write' } });
      if (!target || target.connectionStatus === 'needs_reconnect') return;
      await this.setNeedsReconnect(tx, target, reason.slice(0, 500));
    });
  }

  /**
   * One sweep: refreshes every connected network token that expires within its network's
   * window. Targets another instance is refreshing right now are skipped (SKIP LOCKED).
   */
  async refreshDue(now = this.clock.now()): Promise<RefreshSweepReport> {
    const report: RefreshSweepReport = { refreshed: 0, needsReconnect: 0, deferred: 0 };
    const horizon = new Date(now.getTime() + Math.max(...Object.values(REFRESH_WINDOW_MS)));
    const candidates = await this.dataSource.getRepository(ChannelTarget).find({
      select: { id: true, adapter: true, tokenExpiresAt: true },
      where: {
        adapter: In([...NETWORK_ADAPTER_KINDS]),
        deletedAt: IsNull(),
        connectionStatus: 'connected',
        refreshTokenSealed: Not(IsNull()),
        tokenExpiresAt: LessThan(horizon),
      },
    });
    for (const candidate of candidates) {
      if (!isNetworkKind(candidate.adapter) || !candidate.tokenExpiresAt) continue;
      if (candidate.tokenExpiresAt.getTime() - now.getTime() > REFRESH_WINDOW_MS[providerOf(candidate.adapter)]) {
        continue;
      }
      const outcome = await this.refreshOne(candidate.id);
      if (outcome !== null) report[outcome]++;
    }
    return report;
  }

  private async refreshOne(targetId: string): Promise<keyof RefreshSweepReport | null> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const target = await tx
          .getRepository(ChannelTarget)
          .createQueryBuilder('t')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('t.id = :id AND t.deleted_at IS NULL AND t.connection_status = :status', {
            id: targetId,
            status: 'connected',
          })
          .getOne();
        if (!target) return null;
        try {
          await this.refreshLocked(tx, target);
          return 'refreshed';
        } catch (error) {
          // Committed with the transaction: the target now shows needs_reconnect.
          if (error instanceof OAuthRefusedError) return 'needsReconnect';
          throw error;
        }
      });
    } catch (error) {
      this.logger.warn(
        { targetId, err: error instanceof NetworkUnavailableError ? error.detail : (error as Error).name },
        'token refresh deferred',
      );
      return 'deferred';
    }
  }

  /**
   * Refreshes a locked target in place. A refusal (invalid_grant: revoked, expired refresh
   * token) marks it needs_reconnect in the same transaction and is rethrown; anything else is
   * transient and leaves the target as it was.
   */
  private async refreshLocked(tx: EntityManager, target: ChannelTarget): Promise<void> {
    const client = this.clientFor(providerOf(target.adapter as NetworkAdapterKind));
    if (!client) throw new NetworkUnavailableError('the network OAuth client is not configured');
    try {
      const tokens = await client.refresh(this.secrets.open(target.refreshTokenSealed!));
      target.secretSealed = this.secrets.seal(tokens.accessToken);
      // Networks that do not rotate refresh tokens answer without one: the old one stays valid.
      if (tokens.refreshToken) target.refreshTokenSealed = this.secrets.seal(tokens.refreshToken);
      target.tokenExpiresAt = tokens.expiresAt;
      await tx.getRepository(ChannelTarget).save(target);
      this.logger.log(
        { targetId: target.id, expiresAt: tokens.expiresAt?.toISOString() ?? null },
        'channel token refreshed',
      );
    } catch (error) {
      if (error instanceof OAuthRefusedError) await this.setNeedsReconnect(tx, target, refusalReason(error));
      throw error;
    }
  }

  private clientFor(provider: OAuthProvider): OAuthClient | null {
    const profile = oauthProfile(this.config, provider);
    return profile ? new OAuthClient(profile, this.fetcher) : null;
  }

  private fresh(target: ChannelTarget): FreshToken {
    return { status: 'fresh', accessToken: this.secrets.open(target.secretSealed!), expiresAt: target.tokenExpiresAt };
  }

  private async setNeedsReconnect(tx: EntityManager, target: ChannelTarget, reason: string): Promise<void> {
    target.connectionStatus = 'needs_reconnect';
    target.connectionReason = reason;
    await tx.getRepository(ChannelTarget).save(target);
    await this.audit.record(
      {
        workspaceId: target.workspaceId,
        actor: 'system',
        action: 'channel.needs_reconnect',
        subject: `channel:${target.id}`,
        data: { reason },
      },
      tx,
    );
  }
}
