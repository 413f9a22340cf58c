import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Post } from '../calendar/entities/post.entity';
import { NotFoundError } from '../common/errors/app-error';
import { ValidationFailedError } from '../common/errors/validation-details';
import { ComplianceService } from '../compliance/compliance.service';
import { actorLabel, type WorkspaceMember } from '../common/domain/actor';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { blackoutReason } from './domain/hold-reasons';
import { inScope } from './domain/scope';
import type { BlackoutDto, CreateBlackoutDto, CreatedBlackoutDto } from './dto/restriction.dto';
import { Blackout } from './entities/blackout.entity';
import { checkScope } from './pauses.service';
import { Clock } from '../common/clock/clock';

/**
 * Blackout windows. A new window holds the posts already scheduled inside it (their jobs are
 * dropped after commit by ScheduleSync); scheduling or releasing into one is refused with 422,
 * and the publish job checks again at run time.
 */
@Injectable()
export class BlackoutsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly compliance: ComplianceService,
    private readonly transitions: PostTransitionsService,
    private readonly clock: Clock,
  ) {}

  async create(member: WorkspaceMember, dto: CreateBlackoutDto): Promise<CreatedBlackoutDto> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()) || endsAt <= startsAt) {
      throw new ValidationFailedError([{ field: 'endsAt', code: 'isAfterStart' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      await checkScope(tx, this.compliance, member.workspaceId, dto);
      const blackout = await tx.getRepository(Blackout).save({
        workspaceId: member.workspaceId,
        reason: dto.reason,
        startsAt,
        endsAt,
        brandId: dto.brandId ?? null,
        jurisdiction: dto.jurisdiction ?? null,
        createdBy: actorLabel(member.actor),
        deletedAt: null,
        deletedBy: null,
      });
      // Locked in id order, like every batch that moves several posts, so batches never deadlock.
      const qb = tx
        .getRepository(Post)
        .createQueryBuilder('p')
        .where('p.workspaceId = :workspaceId', { workspaceId: member.workspaceId })
        .andWhere(`p.status = 'scheduled'`)
        .andWhere('p.scheduledAt >= :startsAt AND p.scheduledAt < :endsAt', { startsAt, endsAt })
        .orderBy('p.id', 'ASC')
        .setLock('pessimistic_write');
      if (blackout.brandId) qb.andWhere('p.brandId = :brandId', { brandId: blackout.brandId });
      const caught = (await qb.getMany()).filter((post) => inScope(blackout, post));
      const reason = blackoutReason(blackout);
      await this.transitions.applyMany(
        tx,
        caught.map((post) => ({ post, event: 'hold' as const, reason })),
        member.actor,
      );
      const heldPostIds = caught.map((post) => post.id);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'blackout.created',
          subject: `blackout:${blackout.id}`,
          data: {
            reason: blackout.reason,
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
            brandId: blackout.brandId,
            jurisdiction: blackout.jurisdiction,
            heldPostIds,
          },
        },
        tx,
      );
      return { ...toBlackoutDto(blackout), heldPostIds };
    });
  }

  /** Ends a blackout early; what it held stays held until released. */
  async delete(member: WorkspaceMember, id: string): Promise<BlackoutDto> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Blackout);
      const blackout = await repo.findOne({
        where: { id, workspaceId: member.workspaceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!blackout) throw new NotFoundError('blackout', id);
      if (blackout.deletedAt) return toBlackoutDto(blackout);
      blackout.deletedAt = this.clock.now();
      blackout.deletedBy = actorLabel(member.actor);
      await repo.save(blackout);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'blackout.deleted',
          subject: `blackout:${blackout.id}`,
          data: { reason: blackout.reason },
        },
        tx,
      );
      return toBlackoutDto(blackout);
    });
  }

  async list(workspaceId: string, state: 'active' | 'all'): Promise<BlackoutDto[]> {
    const rows = await this.dataSource.getRepository(Blackout).find({
      where: state === 'active' ? { workspaceId, deletedAt: IsNull() } : { workspaceId },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toBlackoutDto);
  }
}

export function toBlackoutDto(blackout: Blackout): BlackoutDto {
  return {
    id: blackout.id,
    reason: blackout.reason,
    startsAt: blackout.startsAt.toISOString(),
    endsAt: blackout.endsAt.toISOString(),
    brandId: blackout.brandId,
    jurisdiction: blackout.jurisdiction,
    createdBy: blackout.createdBy,
    createdAt: blackout.createdAt.toISOString(),
    deletedAt: blackout.deletedAt?.toISOString() ?? null,
  };
}
