import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ConflictError, DomainRuleError, ForbiddenError, NotFoundError } from '../../common/errors/app-error';
import type { WorkspaceMember } from '../../common/domain/actor';
import { AuthService } from '../auth.service';
import { Clock } from '../../common/clock/clock';

/** A reset asked for by one admin waits this long for a second admin. */
const RESET_TTL_HOURS = 24;

export interface SecondFactorResetView {
  id: string;
  userId: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

interface ResetRow {
  id: string;
  user_id: string;
  requested_by: string;
  requested_at: Date;
  expires_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
}

/**
 * What admins decide about second factors: whether the workspace requires one, and resets of
 * a member's factor, which take two different admins (one asks, another confirms) so that a
 * single stolen admin account cannot strip someone's second factor.
 */
@Injectable()
export class SecondFactorAdminService {
  constructor(
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async policy(workspaceId: string): Promise<{ secondFactorRequired: boolean }> {
    const [row] = await this.dataSource.query<{ second_factor_required: boolean }[]>(
      'SELECT second_factor_required FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    return { secondFactorRequired: row?.second_factor_required ?? false };
  }

  /**
   * Turning the requirement on signs out every password member without a factor: their next
   * sign-in gives a session that can only enrol.
   */
  async setPolicy(admin: WorkspaceMember, required: boolean): Promise<{ secondFactorRequired: boolean }> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query('UPDATE workspaces SET second_factor_required = $2 WHERE id = $1', [admin.workspaceId, required]);
      let signedOut: string[] = [];
      if (required) {
        const rows = await tx.query<{ id: string }[]>(
          `SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
            WHERE m.workspace_id = $1 AND u.password_hash IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM second_factors f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL)`,
          [admin.workspaceId],
        );
        signedOut = rows.map((r) => r.id);
        for (const id of signedOut) await this.auth.revokeTokens(id, tx);
      }
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'second_factor.policy_changed',
          subject: `workspace:${admin.workspaceId}`,
          data: { required, signedOut: signedOut.length },
        },
        tx,
      );
    });
    return { secondFactorRequired: required };
  }

  async listResets(workspaceId: string): Promise<SecondFactorResetView[]> {
    const rows = await this.dataSource.query<ResetRow[]>(
      'SELECT * FROM second_factor_resets WHERE workspace_id = $1 ORDER BY requested_at DESC LIMIT 100',
      [workspaceId],
    );
    return rows.map(toView);
  }

  async requestReset(admin: WorkspaceMember, userId: string): Promise<SecondFactorResetView> {
    return this.dataSource.transaction(async (tx) => {
      const member = await tx.query<unknown[]>('SELECT 1 FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
        admin.workspaceId,
        userId,
      ]);
      if (member.length === 0) throw new NotFoundError('member', userId);
      const factor = await tx.query<unknown[]>('SELECT 1 FROM second_factors WHERE user_id = $1', [userId]);
      if (factor.length === 0) {
        throw new DomainRuleError('SECOND_FACTOR_NOT_ENROLLED', 'identity:errors.secondFactorNotEnrolled');
      }
      const rows = await tx.query<ResetRow[]>(
        `INSERT INTO second_factor_resets (workspace_id, user_id, requested_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING *`,
        [admin.workspaceId, userId, admin.userId, RESET_TTL_HOURS],
      );
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'second_factor.reset_requested',
          subject: `user:${userId}`,
          data: { resetId: rows[0].id },
        },
        tx,
      );
      return toView(rows[0]);
    });
  }

  /** The second admin's confirmation: the factor and its recovery codes are deleted and the member's tokens revoked. */
  async confirmReset(admin: WorkspaceMember, resetId: string): Promise<SecondFactorResetView> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx.query<ResetRow[]>(
        'SELECT * FROM second_factor_resets WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
        [resetId, admin.workspaceId],
      );
      const reset = rows[0];
      if (!reset) throw new NotFoundError('secondFactorReset', resetId);
      if (reset.confirmed_at || new Date(reset.expires_at).getTime() < this.clock.now().getTime()) {
        throw new ConflictError('SECOND_FACTOR_RESET_CLOSED', 'identity:errors.secondFactorResetClosed');
      }
      if (reset.requested_by === admin.userId || reset.user_id === admin.userId) {
        throw new ForbiddenError('SECOND_ADMIN_REQUIRED', 'identity:errors.secondAdminRequired');
      }
      const [confirmed] = await tx.query<[ResetRow[], number]>(
        'UPDATE second_factor_resets SET confirmed_by = $2, confirmed_at = now() WHERE id = $1 RETURNING *',
        [resetId, admin.userId],
      );
      await tx.query('DELETE FROM second_factor_recovery_codes WHERE user_id = $1', [reset.user_id]);
      await tx.query('DELETE FROM second_factors WHERE user_id = $1', [reset.user_id]);
      await this.auth.revokeTokens(reset.user_id, tx);
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'second_factor.reset',
          subject: `user:${reset.user_id}`,
          data: { resetId, requestedBy: reset.requested_by, confirmedBy: admin.userId },
        },
        tx,
      );
      return toView(confirmed[0]);
    });
  }
}

function toView(row: ResetRow): SecondFactorResetView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    userId: row.user_id,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    confirmedBy: row.confirmed_by,
    confirmedAt: iso(row.confirmed_at),
  };
}
