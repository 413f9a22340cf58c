import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { DomainRuleError, NotFoundError } from '../../common/errors/app-error';
import { actorLabel, type WorkspaceMember } from '../../common/domain/actor';
import type { AdapterKind, NetworkAdapterKind } from '../adapters/channel-adapter';
import { toChannelDto } from '../channel-targets.service';
import type { ChannelDto } from '../dto/channel.dto';
import { ChannelTarget } from '../entities/channel-target.entity';
import { SECRET_BOX, type SecretBox } from '../secret-box';
import type { PendingConnectionDto } from './connect.dto';
import type { NetworkAccount } from './network-accounts';
import { OAuthConnectionState } from './oauth-connection-state.entity';
import { Clock } from '../../common/clock/clock';

/**
 * The channel_targets column holds every kind the schema accepts; ADAPTER_KINDS lists those
 * whose adapters are registered, and the network kinds join it with their adapters.
 */
const asAdapter = (network: NetworkAdapterKind): AdapterKind => network as string as AdapterKind;

/**
 * Stores a connected account on its brand's target (a reconnect keeps the target) and the account choices in between.
 */
@Injectable()
export class ConnectionWriter {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates or updates the brand's live target on the channel;
   * returns its id. Tokens go in sealed and are never audited.
   */
  async connect(pending: OAuthConnectionState, account: NetworkAccount): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ChannelTarget);
      const existing = await repo.findOne({
        where: {
          workspaceId: pending.workspaceId,
          brandId: pending.brandId,
          channel: pending.channel,
          deletedAt: IsNull(),
        },
        lock: { mode: 'pessimistic_write' },
      });
      const previousAdapter = existing?.adapter ?? null;
      const target =
        existing ??
        repo.create({
          workspaceId: pending.workspaceId,
          brandId: pending.brandId,
          channel: pending.channel,
          createdBy: pending.startedBy,
          deletedAt: null,
        });
      target.name = pending.name;
      target.adapter = asAdapter(pending.network);
      target.url = null;
      target.accountId = account.id;
      target.secretSealed = this.secrets.seal(account.tokens.accessToken);
      target.refreshTokenSealed = account.tokens.refreshToken ? this.secrets.seal(account.tokens.refreshToken) : null;
      target.tokenExpiresAt = account.tokens.expiresAt;
      target.connectionStatus = 'connected';
      target.connectionReason = null;
      const saved = await repo.save(target);
      await this.audit.record(
        {
          workspaceId: pending.workspaceId,
          actor: pending.startedBy,
          action: 'channel.connected',
          subject: `channel:${saved.id}`,
          data: {
            network: pending.network,
            brandId: pending.brandId,
            channel: pending.channel,
            name: pending.name,
            accountId: account.id,
            accountName: account.name,
            reconnected: existing !== null,
            previousAdapter,
            tokenExpiresAt: account.tokens.expiresAt?.toISOString() ?? null,
            refreshable: account.tokens.refreshToken !== null,
          },
        },
        tx,
      );
      return saved.id;
    });
  }

  /** The accounts offered to the member who started the connection (anyone else: 404). */
  async pending(member: WorkspaceMember, id: string): Promise<PendingConnectionDto> {
    const row = await this.findChoice(member, id);
    return {
      id: row.id,
      network: row.network,
      brandId: row.brandId,
      channel: row.channel,
      name: row.name,
      accounts: row.accounts ?? [],
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** Connects the picked account; the choice is used up either way. */
  async choose(member: WorkspaceMember, id: string, accountId: string): Promise<ChannelDto> {
    const row = await this.findChoice(member, id);
    const accounts = JSON.parse(this.secrets.open(row.tokensSealed!)) as (Omit<NetworkAccount, 'tokens'> & {
      tokens: { accessToken: string; refreshToken: string | null; expiresAt: string | null };
    })[];
    const picked = accounts.find((account) => account.id === accountId);
    if (!picked) {
      throw new DomainRuleError('OAUTH_ACCOUNT_NOT_OFFERED', 'publishing:errors.accountNotOffered', { accountId }, [
        {
          field: 'accountId',
          constraints: { offered: 'accountId must be one of the accounts listed for this connection' },
        },
      ]);
    }
    const deleted = await this.dataSource.getRepository(OAuthConnectionState).delete({ id: row.id, phase: 'choose' });
    if (!deleted.affected) throw new NotFoundError('connection', id);
    const targetId = await this.connect(row, {
      ...picked,
      tokens: { ...picked.tokens, expiresAt: picked.tokens.expiresAt ? new Date(picked.tokens.expiresAt) : null },
    });
    const target = await this.dataSource.getRepository(ChannelTarget).findOneByOrFail({ id: targetId });
    return toChannelDto(target, this.clock.now());
  }

  private async findChoice(member: WorkspaceMember, id: string): Promise<OAuthConnectionState> {
    const row = await this.dataSource
      .getRepository(OAuthConnectionState)
      .findOne({ where: { id, workspaceId: member.workspaceId, phase: 'choose' } });
    if (!row || row.startedBy !== actorLabel(member.actor) || row.expiresAt.getTime() < this.clock.now().getTime()) {
      throw new NotFoundError('connection', id);
    }
    return row;
  }
}
