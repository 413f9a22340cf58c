import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { sha256Hex } from '../common/domain/canonical-json';
import { UnauthorizedError } from '../common/errors/app-error';
import type { Actor, WorkspaceMember } from '../common/domain/actor';
import type { Role } from './roles';
import { ApiKey } from './entities/api-key.entity';
import { Membership } from './entities/membership.entity';
import { User } from './entities/user.entity';
import { type LoginAttempt, LoginAttemptsService } from './login/login-attempts.service';
import { Clock } from '../common/clock/clock';

export const API_KEY_PREFIX = 'pck_';

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}

/** A precomputed hash to verify against when the e-mail is unknown, so timing tells nothing. */
const DUMMY_HASH_PROMISE = argon2.hash('not-a-real-password-only-for-timing');

export interface LoginResult {
  accessToken: string;
  user: { id: string; email: string; name: string };
  workspaces: { id: string; name: string; roles: Role[] }[];
}

/** What a login token carries: the user and the token version it was issued under. */
interface TokenClaims {
  sub?: unknown;
  ver?: unknown;
  /** Set on a session that may only enrol a second factor (until the user has confirmed one). */
  enr?: unknown;
  /** Set on tokens that are no login (the second-factor challenge): never accepted as one. */
  use?: unknown;
}

/** What the password step hands to the second-factor step; it opens nothing by itself. */
const CHALLENGE_USE = 'second-factor';
const CHALLENGE_TTL_SECONDS = 300;

export interface IssueOptions {
  /** A password session of a member who must enrol a second factor before doing anything else. */
  mustEnrol?: boolean;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly attempts: LoginAttemptsService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
    private readonly clock: Clock,
  ) {}

  /**
   * The one password check, limited and audited: the user, or 401 (429 when a budget is spent).
   * An unknown e-mail costs the same argon2 verification as a known one.
   */
  async checkPassword(attempt: LoginAttempt, password: string): Promise<User> {
    const counts = await this.attempts.begin(attempt);
    const user = await this.users.findOne({ where: { email: attempt.email.toLowerCase() } });
    const ok = user?.passwordHash
      ? await argon2.verify(user.passwordHash, password)
      : await argon2.verify(await DUMMY_HASH_PROMISE, password).then(() => false);
    if (!user || !ok) {
      await this.attempts.failed(attempt, user, counts);
      throw new UnauthorizedError('errors.badCredentials');
    }
    await this.attempts.succeeded(attempt);
    return user;
  }

  /** A fresh login token for a user whose identity is established, with their workspaces. */
  async issueLogin(user: User, options: IssueOptions = {}): Promise<LoginResult> {
    const memberships = await this.memberships.find({
      where: { userId: user.id },
      relations: { workspace: true },
      order: { createdAt: 'ASC' },
    });
    return {
      accessToken: await this.jwt.signAsync({
        sub: user.id,
        ver: user.tokenVersion,
        ...(options.mustEnrol ? { enr: true } : {}),
      }),
      user: { id: user.id, email: user.email, name: user.name },
      workspaces: memberships.map((m) => ({ id: m.workspaceId, name: m.workspace?.name ?? '', roles: m.roles })),
    };
  }

  /**
   * Revokes every login token issued to the user so far, on every instance at once: each
   * request compares the token's version with the database. Returns the new version.
   */
  async revokeTokens(userId: string, manager?: EntityManager): Promise<number> {
    const rows = await (manager ?? this.users.manager).query<{ token_version: number }[][]>(
      'UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version',
      [userId],
    );
    return rows[0]?.[0]?.token_version ?? 0;
  }

  /** Logout: no token issued before now works any more; recorded in the user's workspaces. */
  async logout(userId: string): Promise<void> {
    await this.users.manager.transaction(async (tx) => {
      await this.revokeTokens(userId, tx);
      const chains = await this.attempts.workspaceChains(userId);
      await this.audit.recordMany(
        chains.map((workspaceId) => ({
          workspaceId,
          actor: { kind: 'user', userId },
          action: 'auth.tokens_revoked',
          subject: `user:${userId}`,
        })),
        tx,
      );
    });
  }

  /**
   * Resolves a bearer token: an API key (`pck_...`) or a login JWT. Null when neither is valid,
   * including a JWT of a revoked version. Every way in (header, cookie) goes through here.
   */
  async authenticateToken(token: string): Promise<Actor | null> {
    if (token.startsWith(API_KEY_PREFIX)) {
      const key = await this.apiKeys.findOne({ where: { keyHash: hashApiKey(token), revokedAt: IsNull() } });
      if (!key) return null;
      // Best effort: a lost update of last-use time is harmless, so it is not awaited in a transaction.
      void this.apiKeys.update({ id: key.id }, { lastUsedAt: this.clock.now() }).catch(() => undefined);
      return { kind: 'apiKey', apiKeyId: key.id, workspaceId: key.workspaceId, roles: key.roles };
    }
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token);
      if (typeof claims.sub !== 'string' || typeof claims.ver !== 'number' || claims.use !== undefined) return null;
      const user = await this.users.findOne({ where: { id: claims.sub }, select: { id: true, tokenVersion: true } });
      if (!user || user.tokenVersion !== claims.ver) return null;
      // Only enrol-only sessions pay for this look-up: once the factor is confirmed, the same session is a full one.
      if (claims.enr === true && !(await this.hasConfirmedSecondFactor(user.id))) {
        return { kind: 'user', userId: user.id, mustEnrol: true };
      }
      return { kind: 'user', userId: user.id };
    } catch {
      return null;
    }
  }

  /** A short-lived token proving the password step only; exchanged with a code for a login. */
  issueChallenge(user: User): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, ver: user.tokenVersion, use: CHALLENGE_USE },
      { expiresIn: CHALLENGE_TTL_SECONDS },
    );
  }

  /** The user of a valid, unexpired challenge (none after logout or a password change), or 401. */
  async userOfChallenge(token: string): Promise<User> {
    const claims = await this.jwt.verifyAsync<TokenClaims>(token).catch(() => null);
    if (!claims || claims.use !== CHALLENGE_USE || typeof claims.sub !== 'string') {
      throw new UnauthorizedError('identity:errors.challengeInvalid');
    }
    const user = await this.users.findOne({ where: { id: claims.sub } });
    if (!user || user.tokenVersion !== claims.ver) throw new UnauthorizedError('identity:errors.challengeInvalid');
    return user;
  }

  private async hasConfirmedSecondFactor(userId: string): Promise<boolean> {
    const rows = await this.users.manager.query<unknown[]>(
      'SELECT 1 FROM second_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL',
      [userId],
    );
    return rows.length > 0;
  }

  /**
   * The caller's membership of a workspace, read from the database
   * on every request (role changes apply at once), or null (a 404).
   */
  async memberOf(actor: Actor, workspaceId: string): Promise<WorkspaceMember | null> {
    if (actor.kind === 'apiKey') {
      if (actor.workspaceId !== workspaceId) return null;
      return { workspaceId, actor, userId: null, roles: actor.roles, qualification: {}, language: 'en' };
    }
    const membership = await this.memberships.findOne({ where: { workspaceId, userId: actor.userId } });
    if (!membership) return null;
    return {
      workspaceId,
      actor,
      userId: actor.userId,
      roles: membership.roles,
      qualification: membership.qualification,
      language: membership.language,
    };
  }

  /** Throws 401 unless the actor is a user (some actions need a person, not a key). */
  static requireUser(actor: Actor): string {
    if (actor.kind !== 'user') throw new UnauthorizedError('errors.userRequired');
    return actor.userId;
  }
}
