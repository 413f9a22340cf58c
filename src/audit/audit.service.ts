import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { AuditEntry } from './entities/audit-entry.entity';
import { actorLabel, type Actor } from '../common/domain/actor';
import { Clock } from '../common/clock/clock';

export interface AuditEvent {
  /** Workspace id, or null for events outside any workspace. */
  workspaceId: string | null;
  actor: Actor | string;
  action: string;
  subject: string;
  data?: Record<string, unknown>;
}

export const SYSTEM_CHAIN = 'system';

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an entry. Pass the caller's transaction manager so the entry commits (or rolls
   * back) with the change it records. A per-chain advisory lock serialises appenders, so
   * `seq` has no gaps and each entry names its true predecessor.
   */
  async record(event: AuditEvent, manager?: EntityManager): Promise<AuditEntry> {
    const [entry] = await this.recordMany([event], manager);
    return entry;
  }

  /**
   * Appends several entries at once (a publish batch moves hundreds of posts): one lock and
   * one read of the chain's head per chain, then one multi-row insert.
   */
  async recordMany(events: readonly AuditEvent[], manager?: EntityManager): Promise<AuditEntry[]> {
    if (events.length === 0) return [];
    if (manager?.queryRunner?.isTransactionActive) return this.append(manager, events);
    return this.dataSource.transaction((tx) => this.append(tx, events));
  }

  private async append(manager: EntityManager, events: readonly AuditEvent[]): Promise<AuditEntry[]> {
    const repo = manager.getRepository(AuditEntry);
    const chains = [...new Set(events.map((e) => e.workspaceId ?? SYSTEM_CHAIN))].sort();
    const heads = new Map<string, { seq: number; hash: string }>();
    // Locks in a fixed order, so two batches spanning the same chains cannot deadlock.
    for (const chain of chains) {
      // Lock and head in one round trip (migration 1795630000000): the lock is held until
      // commit, so every statement between it and the commit lengthens the chain's queue.
      const [last] = await manager.query<{ seq: number; hash: string }[]>('SELECT * FROM audit_chain_head($1)', [
        chain,
      ]);
      heads.set(chain, { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH });
    }
    const at = this.clock.now();
    const entries = events.map((event) => {
      const chain = event.workspaceId ?? SYSTEM_CHAIN;
      const head = heads.get(chain)!;
      const entry = repo.create({
        chain,
        seq: head.seq + 1,
        at,
        actor: actorLabel(event.actor),
        action: event.action,
        subject: event.subject,
        data: event.data ?? {},
        prevHash: head.hash,
      });
      entry.hash = entryHash(entry);
      heads.set(chain, { seq: entry.seq, hash: entry.hash });
      return entry;
    });
    // One multi-row INSERT (ids come back through RETURNING); insert() skips save()'s change
    // tracking, which cost more CPU than the query itself on a publish batch of 100 transitions.
    await repo.insert(entries as QueryDeepPartialEntity<AuditEntry>[]);
    return entries;
  }

  /**
   * Entries in chain order, each with the name of its actor (a user's
   * name, an API key's name; null for the system), in one query.
   */
  async list(
    workspaceId: string,
    filter: { subject?: string; afterSeq?: number; limit: number },
  ): Promise<{ entry: AuditEntry; actorName: string | null }[]> {
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('e')
      .addSelect(
        `CASE WHEN e.actor LIKE 'user:%' THEN (SELECT u.name FROM users u WHERE u.id::text = substr(e.actor, 6))
              WHEN e.actor LIKE 'apikey:%' THEN (SELECT k.name FROM api_keys k WHERE k.id::text = substr(e.actor, 8)) END`,
        'actor_name',
      )
      .where('e.chain = :chain', { chain: workspaceId })
      .orderBy('e.seq', 'ASC')
      .limit(filter.limit);
    if (filter.subject) qb.andWhere('e.subject = :subject', { subject: filter.subject });
    if (filter.afterSeq !== undefined) qb.andWhere('e.seq > :after', { after: filter.afterSeq });
    const { entities, raw } = await qb.getRawAndEntities<{ actor_name: string | null }>();
    return entities.map((entry, i) => ({ entry, actorName: raw[i].actor_name }));
  }
}
