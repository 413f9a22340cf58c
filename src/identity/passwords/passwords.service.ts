import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { DomainRuleError, ForbiddenError, UnauthorizedError } from '../../common/errors/app-error';
import { AuthService, type LoginResult } from '../auth.service';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { passwordContext, passwordWeakness } from './password-policy';

/** Setting passwords: only ever by their owner, never by an admin for someone else. */
@Injectable()
export class PasswordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /** 422 WEAK_PASSWORD naming `password` (or the given field) unless the password passes the policy. */
  static assertStrong(password: string, context: readonly string[], field = 'password'): void {
    const weakness = passwordWeakness(password, context);
    if (weakness) {
      throw new DomainRuleError('WEAK_PASSWORD', `identity:errors.weakPassword.${weakness}`, { field }, [
        { field, constraints: { strength: weakness } },
      ]);
    }
  }

  /** The context words of a person: e-mail, name and the names of the workspaces they are in or joining. */
  async contextOf(
    manager: EntityManager,
    email: string,
    name: string | null,
    extraWorkspaceIds: string[] = [],
  ): Promise<string[]> {
    const rows = await manager.query<{ name: string }[]>(
      `SELECT w.name FROM workspaces w
        WHERE w.id = ANY($2::uuid[]) OR w.id IN (SELECT m.workspace_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1)`,
      [email.toLowerCase(), extraWorkspaceIds],
    );
    return passwordContext(email, name, ...rows.map((r) => r.name));
  }

  /**
   * Changes one's own password after checking the current one (limited like a login), and
   * revokes every token issued before: other devices are signed out. Returns a new login.
   */
  async change(userId: string, current: string, next: string, clientAddress: string): Promise<LoginResult> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    try {
      await this.auth.checkPassword({ email: user.email, address: clientAddress }, current);
    } catch (error) {
      // Signed in but the current password is wrong: not a 401, which clients read as "signed out".
      if (error instanceof UnauthorizedError) {
        throw new ForbiddenError('WRONG_PASSWORD', 'identity:errors.wrongPassword');
      }
      throw error;
    }
    PasswordsService.assertStrong(next, await this.contextOf(this.dataSource.manager, user.email, user.name));
    const hash = await argon2.hash(next);
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(User).update({ id: userId }, { passwordHash: hash });
      user.tokenVersion = await this.auth.revokeTokens(userId, tx);
      const workspaceIds = (
        await tx.getRepository(Membership).find({ where: { userId }, select: { workspaceId: true } })
      ).map((m) => m.workspaceId);
      const chains = workspaceIds.length > 0 ? workspaceIds : [null];
      await this.audit.recordMany(
        chains.map((workspaceId) => ({
          workspaceId,
          actor: { kind: 'user' as const, userId },
          action: 'auth.password_changed',
          subject: `user:${userId}`,
        })),
        tx,
      );
    });
    return this.auth.issueLogin(user);
  }
}
