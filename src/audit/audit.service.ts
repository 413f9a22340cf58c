import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { entryHash, findFirstBroken, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './entities/audit-entry.entity';
import { actorLabel, type Actor } from '../identity/actor';

export interface AuditEvent {
  /** Workspace id, or null for events outside any workspace. */
  workspaceId: string | null;
  actor: Actor | string;
  action: string;
  subject: string;
  data?: Record<string, unknown>;
}

export const SYSTEM_CHAIN = 'system';
const VERIFY_BATCH = 5000;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry. Pass the caller's transaction manager so the entry commits (or rolls
   * back) with the change it records. A per-chain advisory lock serialises appenders, so
   * `seq` has no gaps and each entry names its true predecessor.
   */
  async record(event: AuditEvent, manager?: EntityManager): Promise<AuditEntry> {
    if (manager?.queryRunner?.isTransactionActive) return this.append(manager, event);
    return this.dataSource.transaction((tx) => this.append(tx, event));
  }

  private async append(manager: EntityManager, event: AuditEvent): Promise<AuditEntry> {
    const chain = event.workspaceId ?? SYSTEM_CHAIN;
    const repo = manager.getRepository(AuditEntry);
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit:${chain}`]);
    const last = await repo.findOne({ where: { chain }, order: { seq: 'DESC' } });
    const entry = repo.create({
      chain,
      seq: (last?.seq ?? 0) + 1,
      at: new Date(),
      actor: actorLabel(event.actor),
      action: event.action,
      subject: event.subject,
      data: event.data ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    entry.hash = entryHash(entry);
    return repo.save(entry);
  }

  async list(workspaceId: string, filter: { subject?: string; afterSeq?: number; limit: number }): Promise<AuditEntry[]> {
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('e')
      .where('e.chain = :chain', { chain: workspaceId })
      .orderBy('e.seq', 'ASC')
      .limit(filter.limit);
    if (filter.subject) qb.andWhere('e.subject = :subject', { subject: filter.subject });
    if (filter.afterSeq !== undefined) qb.andWhere('e.seq > :after', { after: filter.afterSeq });
    return qb.getMany();
  }

  /** Re-computes the whole chain of a workspace in batches; reports the first broken link. */
  async verify(workspaceId: string): Promise<{ ok: boolean; entries: number; firstBrokenSeq: number | null }> {
    const repo = this.dataSource.getRepository(AuditEntry);
    const entries = await repo.count({ where: { chain: workspaceId } });
    let prevHash = GENESIS_HASH;
    let nextSeq = 1;
    for (;;) {
      const batch = await repo
        .createQueryBuilder('e')
        .where('e.chain = :chain AND e.seq >= :from', { chain: workspaceId, from: nextSeq })
        .orderBy('e.seq', 'ASC')
        .limit(VERIFY_BATCH)
        .getMany();
      if (batch.length === 0) break;
      const broken = findFirstBroken(batch, prevHash, nextSeq);
      if (broken !== null) return { ok: false, entries, firstBrokenSeq: broken };
      prevHash = batch[batch.length - 1].hash;
      nextSeq = batch[batch.length - 1].seq + 1;
    }
    // Rows that were deleted behind our back leave a count that the walk did not reach.
    if (nextSeq - 1 !== entries) return { ok: false, entries, firstBrokenSeq: nextSeq };
    return { ok: true, entries, firstBrokenSeq: null };
  }
}
