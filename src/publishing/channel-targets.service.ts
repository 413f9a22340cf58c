import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Brand } from '../brands/entities/brand.entity';
import { ConflictError, NotFoundError } from '../common/errors/app-error';
import { actorLabel, type WorkspaceMember } from '../identity/actor';
import type { ChannelDto, CreateChannelDto } from './dto/channel.dto';
import { ChannelTarget } from './entities/channel-target.entity';
import { SECRET_BOX, type SecretBox } from './secret-box';

/** Publishing targets per brand and channel. Secrets go in sealed and never come out. */
@Injectable()
export class ChannelTargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly audit: AuditService,
  ) {}

  async create(member: WorkspaceMember, dto: CreateChannelDto): Promise<ChannelDto> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await tx.getRepository(Brand).exists({ where: { id: dto.brandId, workspaceId: member.workspaceId } }))) {
        throw new NotFoundError('brand', dto.brandId);
      }
      const repo = tx.getRepository(ChannelTarget);
      const existing = await repo.findOne({ where: { workspaceId: member.workspaceId, brandId: dto.brandId, channel: dto.channel, deletedAt: IsNull() } });
      if (existing) {
        throw new ConflictError(
          'CHANNEL_TARGET_EXISTS',
          'publishing:errors.channelTargetExists',
          { channel: dto.channel, brandId: dto.brandId },
          { existingId: existing.id },
        );
      }
      const target = await repo.save({
        workspaceId: member.workspaceId,
        brandId: dto.brandId,
        channel: dto.channel,
        name: dto.name,
        adapter: dto.adapter,
        url: dto.config?.url ?? null,
        secretSealed: dto.config?.secret ? this.secrets.seal(dto.config.secret) : null,
        createdBy: actorLabel(member.actor),
        deletedAt: null,
      });
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'channel.created',
          subject: `channel:${target.id}`,
          data: { name: target.name, brandId: target.brandId, channel: target.channel, adapter: target.adapter, url: target.url },
        },
        tx,
      );
      return toChannelDto(target);
    });
  }

  async list(workspaceId: string): Promise<ChannelDto[]> {
    const rows = await this.dataSource
      .getRepository(ChannelTarget)
      .find({ where: { workspaceId, deletedAt: IsNull() }, order: { brandId: 'ASC', channel: 'ASC' } });
    return rows.map(toChannelDto);
  }

  /** Retires a target; publications that used it keep pointing at it. */
  async delete(member: WorkspaceMember, id: string): Promise<ChannelDto> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ChannelTarget);
      const target = await repo.findOne({ where: { id, workspaceId: member.workspaceId, deletedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      if (!target) throw new NotFoundError('channel', id);
      target.deletedAt = new Date();
      await repo.save(target);
      await this.audit.record(
        { workspaceId: member.workspaceId, actor: member.actor, action: 'channel.deleted', subject: `channel:${target.id}`, data: { name: target.name } },
        tx,
      );
      return toChannelDto(target);
    });
  }
}

export function toChannelDto(target: ChannelTarget): ChannelDto {
  return {
    id: target.id,
    name: target.name,
    brandId: target.brandId,
    channel: target.channel,
    adapter: target.adapter,
    config: { url: target.url, secretSet: target.secretSealed !== null },
    createdBy: target.createdBy,
    createdAt: target.createdAt.toISOString(),
  };
}
