import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { sha256Hex } from '../common/domain/canonical-json';
import { UnauthorizedError } from '../common/errors/app-error';
import type { Actor, WorkspaceMember } from './actor';
import type { Role } from './roles';
import { ApiKey } from './entities/api-key.entity';
import { Membership } from './entities/membership.entity';
import { User } from './entities/user.entity';

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

@Injectable()
export class AuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.users.findOne({ where: { email: email.toLowerCase() } });
    const ok = user?.passwordHash
      ? await argon2.verify(user.passwordHash, password)
      : await argon2.verify(await DUMMY_HASH_PROMISE, password).then(() => false);
    if (!user || !ok) {
      await this.recordLoginFailure(email, user);
      throw new UnauthorizedError('errors.badCredentials');
    }
    const memberships = await this.memberships.find({ where: { userId: user.id }, relations: { workspace: true }, order: { createdAt: 'ASC' } });
    return {
      accessToken: await this.jwt.signAsync({ sub: user.id }),
      user: { id: user.id, email: user.email, name: user.name },
      workspaces: memberships.map((m) => ({ id: m.workspaceId, name: m.workspace?.name ?? '', roles: m.roles })),
    };
  }

  /** A failed login is evidence too: in each workspace of the account, or the system chain. */
  private async recordLoginFailure(email: string, user: User | null): Promise<void> {
    const data = { email: email.toLowerCase().slice(0, 320) };
    const workspaceIds = user ? (await this.memberships.find({ where: { userId: user.id } })).map((m) => m.workspaceId) : [];
    const chains = workspaceIds.length > 0 ? workspaceIds : [null];
    for (const workspaceId of chains) {
      await this.audit.record({
        workspaceId,
        actor: `anonymous:${data.email}`,
        action: 'auth.login_failed',
        subject: user ? `user:${user.id}` : 'user:unknown',
        data,
      });
    }
  }

  /** Resolves a bearer token: an API key (`pck_...`) or a JWT. Null when neither is valid. */
  async authenticateToken(token: string): Promise<Actor | null> {
    if (token.startsWith(API_KEY_PREFIX)) {
      const key = await this.apiKeys.findOne({ where: { keyHash: hashApiKey(token), revokedAt: IsNull() } });
      if (!key) return null;
      // Best effort: a lost update of last-use time is harmless, so it is not awaited in a transaction.
      void this.apiKeys.update({ id: key.id }, { lastUsedAt: new Date() }).catch(() => undefined);
      return { kind: 'apiKey', apiKeyId: key.id, workspaceId: key.workspaceId, roles: key.roles };
    }
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown }>(token);
      if (typeof payload.sub !== 'string') return null;
      const exists = await this.users.exists({ where: { id: payload.sub } });
      return exists ? { kind: 'user', userId: payload.sub } : null;
    } catch {
      return null;
    }
  }

  /** The caller's membership of a workspace, or null (which the guard turns into a 404). */
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
