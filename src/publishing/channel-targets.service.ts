import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Brand } from '../brands/entities/brand.entity';
import { ConflictError, DomainRuleError, InputError, NotFoundError } from '../common/errors/app-error';
import { urlWithoutCredentials } from '../common/net/address-policy';
import { DestinationGuard } from '../common/net/destination-guard';
import { actorLabel, type WorkspaceMember } from '../common/domain/actor';
import { channelHealth } from './connections/channel-health';
import { isNetworkAdapter } from './adapters/channel-adapter';
import { applyChannelPatch } from './domain/channel-patch';
import { networkTargetProblems, type FieldConstraint } from './domain/network-account';
import type { ChannelDto, CreateChannelDto, UpdateChannelDto } from './dto/channel.dto';
import { ChannelTarget } from './entities/channel-target.entity';
import { SECRET_BOX, type SecretBox } from './secret-box';
import { Clock } from '../common/clock/clock';

/** Publishing targets per brand and channel. Secrets go in sealed and never come out. */
@Injectable()
export class ChannelTargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly guard: DestinationGuard,
    private readonly clock: Clock,
  ) {}

  async create(member: WorkspaceMember, dto: CreateChannelDto): Promise<ChannelDto> {
    assertNetworkTarget(
      networkTargetProblems(dto.adapter, dto.channel, {
        accountId: dto.account?.id ?? null,
        hasToken: Boolean(dto.account?.accessToken),
      }),
    );
    if (!isNetworkAdapter(dto.adapter)) await this.assertDestinationAllowed(dto.config?.url);
    return this.dataSource.transaction(async (tx) => {
      await this.assertBrandChannelFree(tx, member.workspaceId, dto);
      const target = await tx.getRepository(ChannelTarget).save(this.newTarget(member, dto));
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'channel.created',
          subject: `channel:${target.id}`,
          data: {
            name: target.name,
            brandId: target.brandId,
            channel: target.channel,
            adapter: target.adapter,
            url: target.url,
            accountId: target.accountId,
          },
        },
        tx,
      );
      return toChannelDto(target, this.clock.now());
    });
  }

  /** The brand is the workspace's and its channel has no live target yet (one per brand and channel). */
  private async assertBrandChannelFree(tx: EntityManager, workspaceId: string, dto: CreateChannelDto): Promise<void> {
    if (!(await tx.getRepository(Brand).exists({ where: { id: dto.brandId, workspaceId } }))) {
      throw new NotFoundError('brand', dto.brandId);
    }
    const existing = await tx.getRepository(ChannelTarget).findOne({
      where: { workspaceId, brandId: dto.brandId, channel: dto.channel, deletedAt: IsNull() },
    });
    if (existing) {
      throw new ConflictError(
        'CHANNEL_TARGET_EXISTS',
        'publishing:errors.channelTargetExists',
        { channel: dto.channel, brandId: dto.brandId },
        { existingId: existing.id },
      );
    }
  }

  /** The row of a new target: a network's account and token, or a webhook's URL and secret, sealed. */
  private newTarget(member: WorkspaceMember, dto: CreateChannelDto): Partial<ChannelTarget> {
    const network = isNetworkAdapter(dto.adapter);
    const secret = network ? dto.account!.accessToken : dto.config?.secret;
    return {
      workspaceId: member.workspaceId,
      brandId: dto.brandId,
      channel: dto.channel,
      name: dto.name,
      adapter: dto.adapter,
      url: network ? null : (dto.config?.url ?? null),
      secretSealed: secret ? this.secrets.seal(secret) : null,
      accountId: network ? dto.account!.id : null,
      tokenExpiresAt: network && dto.account?.expiresAt ? new Date(dto.account.expiresAt) : null,
      connectionStatus: 'connected',
      connectionReason: null,
      createdBy: actorLabel(member.actor),
      deletedAt: null,
    };
  }

  async list(workspaceId: string): Promise<ChannelDto[]> {
    const rows = await this.dataSource
      .getRepository(ChannelTarget)
      .find({ where: { workspaceId, deletedAt: IsNull() }, order: { brandId: 'ASC', channel: 'ASC' } });
    const now = this.clock.now();
    return rows.map((row) => toChannelDto(row, now));
  }

  /**
   * Changes a target in place, in one transaction: the brand's channel has a target at every
   * moment (no DELETE-then-POST gap in which due posts fail with no_target), and the next
   * publication uses the new settings. Runs already under way finish with the settings they
   * were claimed with.
   */
  async update(member: WorkspaceMember, id: string, dto: UpdateChannelDto): Promise<ChannelDto> {
    if (dto.name === undefined && dto.adapter === undefined && dto.config === undefined && dto.account === undefined) {
      throw new InputError('VALIDATION_FAILED', 'errors.validation', { fields: 'name, adapter, config, account' }, [
        {
          field: 'name, adapter, config, account',
          constraints: { atLeastOne: 'give at least one of name, adapter, config, account' },
        },
      ]);
    }
    // Before the row lock: resolving the name may take a moment.
    await this.assertDestinationAllowed(dto.config?.url);
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ChannelTarget);
      const target = await repo.findOne({
        where: { id, workspaceId: member.workspaceId, deletedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!target) throw new NotFoundError('channel', id);
      if (isNetworkAdapter(dto.adapter ?? target.adapter)) return this.updateNetwork(member, tx, target, dto);
      const next = applyChannelPatch(
        { name: target.name, adapter: target.adapter, url: target.url, hasSecret: target.secretSealed !== null },
        dto,
      );
      if (next.missing.length > 0) {
        throw new DomainRuleError(
          'CHANNEL_CONFIG_INCOMPLETE',
          'publishing:errors.channelConfigIncomplete',
          { fields: next.missing.join(', ') },
          next.missing.map((field) => ({
            field,
            constraints: { required: `${field} is required for a webhook target` },
          })),
        );
      }
      target.name = next.name;
      target.adapter = next.adapter;
      target.url = next.url;
      if (!next.secret.keep) {
        target.secretSealed = next.secret.value === null ? null : this.secrets.seal(next.secret.value);
      }
      await repo.save(target);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'channel.updated',
          subject: `channel:${target.id}`,
          data: { changed: next.changed, name: target.name, adapter: target.adapter, url: target.url },
        },
        tx,
      );
      return toChannelDto(target, this.clock.now());
    });
  }

  /**
   * A network target: a new pasted token replaces the old one and marks the channel connected
   * again (a publisher reconnecting it); held posts are then released as usual.
   */
  private async updateNetwork(
    member: WorkspaceMember,
    tx: EntityManager,
    target: ChannelTarget,
    dto: UpdateChannelDto,
  ): Promise<ChannelDto> {
    const adapter = dto.adapter ?? target.adapter;
    const switching = adapter !== target.adapter;
    const accountId = dto.account?.id ?? (switching ? null : target.accountId);
    const token = dto.account?.accessToken;
    assertNetworkTarget(
      networkTargetProblems(adapter, target.channel, {
        accountId,
        hasToken: token !== undefined || (!switching && target.secretSealed !== null),
      }),
    );
    const changed = [
      ...(dto.name !== undefined && dto.name !== target.name ? ['name'] : []),
      ...(switching ? ['adapter'] : []),
      ...(accountId !== target.accountId ? ['account.id'] : []),
      ...(token !== undefined ? ['account.accessToken'] : []),
      ...(dto.account?.expiresAt !== undefined ? ['account.expiresAt'] : []),
    ];
    target.name = dto.name ?? target.name;
    target.adapter = adapter;
    target.url = null;
    target.accountId = accountId;
    if (token !== undefined) {
      target.secretSealed = this.secrets.seal(token);
      target.refreshTokenSealed = null;
      target.tokenExpiresAt = dto.account?.expiresAt ? new Date(dto.account.expiresAt) : null;
      target.connectionStatus = 'connected';
      target.connectionReason = null;
    } else if (dto.account?.expiresAt !== undefined) {
      target.tokenExpiresAt = new Date(dto.account.expiresAt);
    }
    await tx.getRepository(ChannelTarget).save(target);
    await this.audit.record(
      {
        workspaceId: member.workspaceId,
        actor: member.actor,
        action: 'channel.updated',
        subject: `channel:${target.id}`,
        data: {
          changed,
          name: target.name,
          adapter: target.adapter,
          accountId: target.accountId,
          connectionStatus: target.connectionStatus,
        },
      },
      tx,
    );
    return toChannelDto(target, this.clock.now());
  }

  /** Retires a target; publications that used it keep pointing at it. */
  async delete(member: WorkspaceMember, id: string): Promise<ChannelDto> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ChannelTarget);
      const target = await repo.findOne({
        where: { id, workspaceId: member.workspaceId, deletedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!target) throw new NotFoundError('channel', id);
      target.deletedAt = this.clock.now();
      await repo.save(target);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'channel.deleted',
          subject: `channel:${target.id}`,
          data: { name: target.name },
        },
        tx,
      );
      return toChannelDto(target, this.clock.now());
    });
  }

  /**
   * Refuses now a destination that the guard would refuse at every call, so that whoever configures it learns at once.
   */
  private async assertDestinationAllowed(url: string | undefined): Promise<void> {
    if (url === undefined) return;
    const refusal = await this.guard.refusalAtConfiguration(new URL(url));
    if (refusal === null) return;
    // One answer for every reason: which internal address a name resolves to is not for the caller to learn.
    throw new DomainRuleError(
      'WEBHOOK_DESTINATION_REFUSED',
      'publishing:errors.destinationRefused',
      { field: 'config.url' },
      [
        {
          field: 'config.url',
          constraints: {
            destinationAllowed: 'config.url must be a public address, or one WEBHOOK_ALLOWED_HOSTS allows',
          },
        },
      ],
    );
  }
}

export function toChannelDto(target: ChannelTarget, now: Date): ChannelDto {
  return {
    id: target.id,
    name: target.name,
    brandId: target.brandId,
    channel: target.channel,
    adapter: target.adapter,
    // Targets stored before credentials in URLs were refused must not show them either.
    config: {
      url: target.url === null ? null : urlWithoutCredentials(target.url),
      secretSet: target.secretSealed !== null,
    },
    accountId: target.accountId,
    health: channelHealth(target, now),
    createdBy: target.createdBy,
    createdAt: target.createdAt.toISOString(),
  };
}

/** 422 naming every field a network target gets wrong. */
function assertNetworkTarget(problems: FieldConstraint[]): void {
  if (problems.length === 0) return;
  throw new DomainRuleError(
    'CHANNEL_ACCOUNT_INVALID',
    'publishing:errors.channelAccountInvalid',
    { fields: problems.map((p) => p.field).join(', ') },
    problems,
  );
}
