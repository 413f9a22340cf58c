import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ConflictError, UnauthorizedError } from '../../common/errors/app-error';
import { SECRET_BOX, type SecretBox } from '../../publishing/secret-box';
import { User } from '../entities/user.entity';
import { LoginAttemptsService } from '../login/login-attempts.service';
import { LoginLimiter } from '../login/login-limiter';
import {
  hashRecoveryCode,
  isRecoveryCodeShape,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  RECOVERY_CODE_COUNT,
  totpStep,
} from './totp';
import { Clock } from '../../common/clock/clock';

interface FactorRow {
  secret_sealed: string;
  confirmed_at: Date | null;
  last_used_step: string | null;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
  /** Workspaces of the user that require a second factor for password sign-in. */
  requiredBy: string[];
}

/**
 * Owns the TOTP second factor of password sign-in: enrolment (a secret, confirmed with a code,
 * then ten single-use recovery codes of which only hashes are kept), and the check of a code,
 * each TOTP step usable once and every check taken from the login budgets.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly clock: Clock,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly attempts: LoginAttemptsService,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async status(userId: string): Promise<SecondFactorStatus> {
    const row = await this.row(userId);
    const [{ left }] = await this.dataSource.query<{ left: number }[]>(
      'SELECT count(*)::int AS left FROM second_factor_recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return {
      enrolled: Boolean(row?.confirmed_at),
      confirmedAt: row?.confirmed_at ? new Date(row.confirmed_at).toISOString() : null,
      recoveryCodesLeft: left,
      requiredBy: await this.requiredBy(userId),
    };
  }

  async isEnrolled(userId: string): Promise<boolean> {
    return Boolean((await this.row(userId))?.confirmed_at);
  }

  async requiredBy(userId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT w.id FROM workspaces w JOIN memberships m ON m.workspace_id = w.id WHERE m.user_id = $1 AND w.second_factor_required`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** A new secret to scan; it replaces an unconfirmed one, never a confirmed factor (that takes a reset). */
  async beginEnrolment(userId: string): Promise<{ secret: string; otpauthUri: string }> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    const secret = newTotpSecret();
    // An INSERT answers with its rows (an UPDATE would answer [rows, count]).
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO second_factors (user_id, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_sealed = $2, created_at = now(), last_used_step = NULL WHERE second_factors.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, this.secrets.seal(secret)],
    );
    if (rows.length === 0) throw new ConflictError('SECOND_FACTOR_ENROLLED', 'identity:errors.secondFactorEnrolled');
    return { secret, otpauthUri: otpauthUri(secret, user.email) };
  }

  /** Confirms the enrolment with a code from the app; returns the recovery codes, shown this once. */
  async confirmEnrolment(userId: string, code: string, address: string): Promise<string[]> {
    const row = await this.row(userId);
    if (!row || row.confirmed_at) {
      throw new ConflictError('SECOND_FACTOR_NOT_PENDING', 'identity:errors.secondFactorNotPending');
    }
    await this.checkLimited(userId, address, (tx) => this.useTotp(tx, userId, row, code));
    const codes = newRecoveryCodes();
    await this.dataSource.transaction(async (tx) => {
      await tx.query('UPDATE second_factors SET confirmed_at = now() WHERE user_id = $1', [userId]);
      await tx.query('DELETE FROM second_factor_recovery_codes WHERE user_id = $1', [userId]);
      await tx.query(
        'INSERT INTO second_factor_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::char(64)[])',
        [userId, codes.map(hashRecoveryCode)],
      );
      await this.auditInWorkspaces(tx, userId, 'second_factor.enrolled', { recoveryCodes: RECOVERY_CODE_COUNT });
    });
    return codes;
  }

  /** Checks a TOTP or recovery code of an enrolled user (401 when wrong, 429 when the budget is spent). */
  async verify(userId: string, code: string, address: string): Promise<void> {
    const row = await this.row(userId);
    if (!row?.confirmed_at) throw new UnauthorizedError('identity:errors.secondFactorWrong');
    await this.checkLimited(userId, address, (tx) =>
      isRecoveryCodeShape(code) ? this.useRecoveryCode(tx, userId, code) : this.useTotp(tx, userId, row, code),
    );
  }

  private async checkLimited(
    userId: string,
    address: string,
    use: (tx: EntityManager) => Promise<boolean>,
  ): Promise<void> {
    const attempt = { email: `second-factor:${userId}`, address };
    await this.attempts.begin(attempt);
    const ok = await this.dataSource.transaction(use);
    if (ok) return this.attempts.succeeded(attempt);
    if (await this.limiter.firstInWindow(`second-factor:${userId}`)) {
      await this.auditInWorkspaces(
        this.dataSource.manager,
        userId,
        'auth.second_factor_failed',
        { address },
        `anonymous:${address}`,
      );
    }
    throw new UnauthorizedError('identity:errors.secondFactorWrong');
  }

  /**
   * A right code of a step not used before: the step is recorded
   * in the same statement, so a replay fails even when concurrent.
   */
  private async useTotp(tx: EntityManager, userId: string, row: FactorRow, code: string): Promise<boolean> {
    const step = totpStep(this.secrets.open(row.secret_sealed), code, this.clock.now().getTime());
    if (step === null) return false;
    const [rows] = await tx.query<[unknown[], number]>(
      `UPDATE second_factors SET last_used_step = $2 WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2) RETURNING user_id`,
      [userId, step],
    );
    return rows.length === 1;
  }

  private async useRecoveryCode(tx: EntityManager, userId: string, code: string): Promise<boolean> {
    const [rows] = await tx.query<[unknown[], number]>(
      `UPDATE second_factor_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
      [userId, hashRecoveryCode(code)],
    );
    if (rows.length === 0) return false;
    const [{ left }] = await tx.query<{ left: number }[]>(
      'SELECT count(*)::int AS left FROM second_factor_recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    await this.auditInWorkspaces(tx, userId, 'second_factor.recovery_code_used', { recoveryCodesLeft: left });
    return true;
  }

  async auditInWorkspaces(
    manager: EntityManager,
    userId: string,
    action: string,
    data: Record<string, unknown>,
    actor = `user:${userId}`,
  ): Promise<void> {
    const chains = (
      await manager.query<{ workspace_id: string }[]>('SELECT workspace_id FROM memberships WHERE user_id = $1', [
        userId,
      ])
    ).map((r) => r.workspace_id);
    const targets = chains.length > 0 ? chains : [null];
    await this.audit.recordMany(
      targets.map((workspaceId) => ({ workspaceId, actor, action, subject: `user:${userId}`, data })),
      manager,
    );
  }

  private async row(userId: string): Promise<FactorRow | null> {
    return (
      (
        await this.dataSource.query<FactorRow[]>(
          'SELECT secret_sealed, confirmed_at, last_used_step FROM second_factors WHERE user_id = $1',
          [userId],
        )
      )[0] ?? null
    );
  }
}
