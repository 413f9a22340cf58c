import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Brand } from '../brands/entities/brand.entity';
import { NotFoundError } from '../common/errors/app-error';
import { ValidationFailedError } from '../common/errors/validation-details';
import { ComplianceService } from '../compliance/compliance.service';
import { Post } from '../calendar/entities/post.entity';
import { actorLabel, type WorkspaceMember } from '../common/domain/actor';
import { PostTransitionsService } from '../workflow/post-transitions.service';
import { pausedReason } from './domain/hold-reasons';
import { inScope } from './domain/scope';
import type { CreatedPauseDto, CreatePauseDto, PauseDto } from './dto/restriction.dto';
import { Pause } from './entities/pause.entity';
import { Clock } from '../common/clock/clock';

/**
 * Crisis pauses. A pause is read by every publish job when it runs, so creating one stops
 * even jobs that are already due; lifting one releases nothing by itself (each held post is
 * released explicitly, so the backlog is not blasted out at once). Starting one also holds the
 * scheduled posts it catches at once, so the calendar shows them held, with the pause as reason.
 */
@Injectable()
export class PausesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly compliance: ComplianceService,
    private readonly transitions: PostTransitionsService,
    private readonly clock: Clock,
  ) {}

  async create(member: WorkspaceMember, dto: CreatePauseDto): Promise<CreatedPauseDto> {
    return this.dataSource.transaction(async (tx) => {
      await checkScope(tx, this.compliance, member.workspaceId, dto);
      const pause = await tx.getRepository(Pause).save({
        workspaceId: member.workspaceId,
        reason: dto.reason,
        brandId: dto.brandId ?? null,
        jurisdiction: dto.jurisdiction ?? null,
        channel: dto.channel ?? null,
        createdBy: actorLabel(member.actor),
        liftedAt: null,
        liftedBy: null,
      });
      const heldPostIds = await this.holdCaughtPosts(tx, pause, member);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'pause.created',
          subject: `pause:${pause.id}`,
          data: {
            reason: pause.reason,
            brandId: pause.brandId,
            jurisdiction: pause.jurisdiction,
            channel: pause.channel,
            heldPostIds,
          },
        },
        tx,
      );
      return { ...toPauseDto(pause), heldCount: heldPostIds.length, heldPostIds };
    });
  }

  /** Holds every scheduled post in the pause's scope; locked in id order, like every batch that moves several posts. */
  private async holdCaughtPosts(tx: EntityManager, pause: Pause, member: WorkspaceMember): Promise<string[]> {
    const qb = tx
      .getRepository(Post)
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId: member.workspaceId })
      .andWhere(`p.status = 'scheduled'`)
      .orderBy('p.id', 'ASC')
      .setLock('pessimistic_write');
    if (pause.brandId) qb.andWhere('p.brandId = :brandId', { brandId: pause.brandId });
    const caught = (await qb.getMany()).filter((post) => inScope(pause, post));
    const reason = pausedReason(pause);
    await this.transitions.applyMany(
      tx,
      caught.map((post) => ({ post, event: 'hold' as const, reason })),
      member.actor,
    );
    return caught.map((post) => post.id);
  }

  /** Lifts a pause; lifting one already lifted answers it unchanged. */
  async lift(member: WorkspaceMember, id: string): Promise<PauseDto> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Pause);
      const pause = await repo.findOne({
        where: { id, workspaceId: member.workspaceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!pause) throw new NotFoundError('pause', id);
      if (pause.liftedAt) return toPauseDto(pause);
      pause.liftedAt = this.clock.now();
      pause.liftedBy = actorLabel(member.actor);
      await repo.save(pause);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'pause.lifted',
          subject: `pause:${pause.id}`,
          data: { reason: pause.reason },
        },
        tx,
      );
      return toPauseDto(pause);
    });
  }

  async list(workspaceId: string, state: 'active' | 'all'): Promise<PauseDto[]> {
    const rows = await this.dataSource.getRepository(Pause).find({
      where: state === 'active' ? { workspaceId, liftedAt: IsNull() } : { workspaceId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return rows.map(toPauseDto);
  }
}

/** A scope names things of this workspace: a brand of it and a loaded jurisdiction. */
export async function checkScope(
  tx: EntityManager,
  compliance: ComplianceService,
  workspaceId: string,
  scope: { brandId?: string; jurisdiction?: string },
): Promise<void> {
  if (scope.brandId && !(await tx.getRepository(Brand).exists({ where: { id: scope.brandId, workspaceId } }))) {
    throw new NotFoundError('brand', scope.brandId);
  }
  if (scope.jurisdiction && !compliance.hasJurisdiction(scope.jurisdiction)) {
    throw new ValidationFailedError([
      { field: 'jurisdiction', code: 'isKnownJurisdiction', params: { value: scope.jurisdiction } },
    ]);
  }
}

export function toPauseDto(pause: Pause): PauseDto {
  return {
    id: pause.id,
    reason: pause.reason,
    brandId: pause.brandId,
    jurisdiction: pause.jurisdiction,
    channel: pause.channel,
    active: pause.liftedAt === null,
    createdBy: pause.createdBy,
    createdAt: pause.createdAt.toISOString(),
    liftedAt: pause.liftedAt?.toISOString() ?? null,
    liftedBy: pause.liftedBy,
  };
}
