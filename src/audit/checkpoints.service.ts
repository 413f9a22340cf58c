import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { GENESIS_HASH } from './audit-chain';
import { signCheckpoint, type SignedCheckpoint } from './domain/checkpoint';
import type { SigningKey } from './domain/signing-key';
import { AuditCheckpoint } from './entities/audit-checkpoint.entity';
import { AuditEntry } from './entities/audit-entry.entity';
import { Clock } from '../common/clock/clock';

export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

/**
 * Signs the head of audit chains with AUDIT_SIGNING_KEY: on demand, and periodically for every
 * chain that grew since its last checkpoint. Each checkpoint is also logged, so a copy exists
 * outside the database even before anyone exports it.
 */
@Injectable()
export class CheckpointsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: SigningKey,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RUN_WORKERS) return;
    this.timer = setInterval(() => {
      this.checkpointGrownChains().catch((error: unknown) =>
        this.logger.error({ err: error }, 'periodic audit checkpoint failed'),
      );
    }, this.config.AUDIT_CHECKPOINT_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get publicKey(): { keyId: string; publicKeyPem: string } {
    return { keyId: this.key.keyId, publicKeyPem: this.key.publicKeyPem };
  }

  /** Signs the current head of a chain (an empty chain is signed as seq 0 with the genesis hash). */
  async checkpoint(chain: string, createdBy: string): Promise<AuditCheckpoint> {
    const head = await this.dataSource.getRepository(AuditEntry).findOne({ where: { chain }, order: { seq: 'DESC' } });
    const signed = signCheckpoint(this.key, {
      chain,
      seq: head?.seq ?? 0,
      hash: head?.hash ?? GENESIS_HASH,
      signedAt: this.clock.now(),
    });
    const saved = await this.dataSource.getRepository(AuditCheckpoint).save({ ...signed, createdBy });
    this.logger.log({ checkpoint: { ...signed, signedAt: signed.signedAt.toISOString() } }, 'audit checkpoint signed');
    return saved;
  }

  /** One checkpoint per chain whose head moved past its last checkpoint (the periodic job). */
  async checkpointGrownChains(): Promise<number> {
    const grown: { chain: string }[] = await this.dataSource.query(
      `SELECT e.chain FROM (SELECT chain, max(seq) AS seq FROM audit_entries GROUP BY chain) e
         LEFT JOIN (SELECT chain, max(seq) AS seq FROM audit_checkpoints GROUP BY chain) c ON c.chain = e.chain
        WHERE c.seq IS NULL OR c.seq < e.seq`,
    );
    for (const { chain } of grown) await this.checkpoint(chain, 'system');
    return grown.length;
  }

  /** A chain's checkpoints, oldest first. */
  list(chain: string): Promise<AuditCheckpoint[]> {
    return this.dataSource
      .getRepository(AuditCheckpoint)
      .find({ where: { chain }, order: { seq: 'ASC', signedAt: 'ASC' } });
  }
}

export function toSigned(checkpoint: AuditCheckpoint): SignedCheckpoint {
  return {
    chain: checkpoint.chain,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    signedAt: checkpoint.signedAt,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}
