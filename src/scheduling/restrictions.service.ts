import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { Blackout } from './entities/blackout.entity';
import { Pause } from './entities/pause.entity';

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
  async blackoutsOverlapping(manager: EntityManager, workspaceIds: readonly string[], from: Date, to: Date = from): Promise<Blackout[]> {
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
}
