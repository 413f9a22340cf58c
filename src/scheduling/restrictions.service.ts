import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { DomainRuleError } from '../common/errors/app-error';
import { blackoutReason, pausedReason, type StatusReason } from './domain/hold-reasons';
import { firstBlackoutFor, firstPauseFor, type ScopedPost } from './domain/scope';
import { Blackout } from './entities/blackout.entity';
import { Pause } from './entities/pause.entity';

/** What stops a post from going out at an instant: a crisis pause or a blackout. */
export type Stop = { kind: 'pause'; pause: Pause } | { kind: 'blackout'; blackout: Blackout };

export function stopReason(stop: Stop): StatusReason {
  return stop.kind === 'pause' ? pausedReason(stop.pause) : blackoutReason(stop.blackout);
}

/** The 422 for putting a post on the schedule where a pause or blackout forbids it. */
export function stopError(stop: Stop): DomainRuleError {
  return stop.kind === 'pause'
    ? new DomainRuleError('PAUSED', 'publishing:errors.paused', { reason: stop.pause.reason }, pausedReason(stop.pause))
    : new DomainRuleError(
        'BLACKOUT',
        'publishing:errors.blackout',
        {
          reason: stop.blackout.reason,
          startsAt: stop.blackout.startsAt.toISOString(),
          endsAt: stop.blackout.endsAt.toISOString(),
        },
        blackoutReason(stop.blackout),
      );
}

/**
 * Reads the pauses and blackouts in force. Always through the caller's transaction and at the
 * moment of the decision: a pause must stop a job that is already due, not only new ones.
 */
@Injectable()
export class RestrictionsService {
  async activePauses(manager: EntityManager, workspaceIds: readonly string[]): Promise<Pause[]> {
    if (workspaceIds.length === 0) return [];
    return manager
      .getRepository(Pause)
      .createQueryBuilder('p')
      .where('p.workspaceId IN (:...workspaceIds)', { workspaceIds: [...new Set(workspaceIds)] })
      .andWhere('p.liftedAt IS NULL')
      .orderBy('p.createdAt', 'ASC')
      .getMany();
  }

  /** Blackouts not deleted that overlap [from, to] (an instant when from = to). */
  async blackoutsOverlapping(
    manager: EntityManager,
    workspaceIds: readonly string[],
    from: Date,
    to: Date = from,
  ): Promise<Blackout[]> {
    if (workspaceIds.length === 0) return [];
    return manager
      .getRepository(Blackout)
      .createQueryBuilder('b')
      .where('b.workspaceId IN (:...workspaceIds)', { workspaceIds: [...new Set(workspaceIds)] })
      .andWhere('b.deletedAt IS NULL')
      .andWhere(new Brackets((qb) => qb.where('b.startsAt <= :to', { to }).andWhere('b.endsAt > :from', { from })))
      .orderBy('b.startsAt', 'ASC')
      .getMany();
  }

  /** The first pause, else the first blackout, that stops this post from going out at `at`. */
  async stopFor(manager: EntityManager, post: ScopedPost & { workspaceId: string }, at: Date): Promise<Stop | null> {
    const pause = firstPauseFor(await this.activePauses(manager, [post.workspaceId]), post);
    if (pause) return { kind: 'pause', pause };
    const blackout = firstBlackoutFor(await this.blackoutsOverlapping(manager, [post.workspaceId], at), post, at);
    return blackout ? { kind: 'blackout', blackout } : null;
  }
}
