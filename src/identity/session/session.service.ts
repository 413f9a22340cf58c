import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { UnauthorizedError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthService, type LoginResult } from '../auth.service';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { csrfTokenFor, csrfTokenMatches, sessionCookieHeader } from './session-cookie';
import type { SessionDto } from './session.dto';

/** Opens, describes and closes browser sessions; checks their CSRF tokens for the guard. */
@Injectable()
export class SessionService {
  /** Without JWT_SECRET the session tokens are valid for this process only, and so are their CSRF tokens. */
  private readonly secret: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {
    this.secret = config.JWT_SECRET ?? randomBytes(48).toString('base64');
  }

  /**
   * A session for a login established elsewhere (password, second
   * factor, single sign-on), and the cookie that carries its token.
   */
  fromLogin(login: LoginResult, mustEnrol = false): { session: SessionDto; cookie: string } {
    const session = {
      user: login.user,
      workspaces: login.workspaces,
      csrfToken: csrfTokenFor(login.accessToken, this.secret),
      mustEnrolSecondFactor: mustEnrol,
    };
    return { session, cookie: this.cookie(login.accessToken, this.config.JWT_TTL_SECONDS) };
  }

  /** The session of a cookie token; 401 when it is missing, expired or revoked. */
  async describe(token: string | undefined): Promise<SessionDto> {
    const actor = token ? await this.auth.authenticateToken(token) : null;
    if (!token || !actor || actor.kind !== 'user') throw new UnauthorizedError('errors.invalidToken');
    const user = await this.users.findOneByOrFail({ id: actor.userId });
    const memberships = await this.memberships.find({
      where: { userId: user.id },
      relations: { workspace: true },
      order: { createdAt: 'ASC' },
    });
    return {
      user: { id: user.id, email: user.email, name: user.name },
      workspaces: memberships.map((m) => ({ id: m.workspaceId, name: m.workspace?.name ?? '', roles: m.roles })),
      csrfToken: csrfTokenFor(token, this.secret),
      mustEnrolSecondFactor: actor.mustEnrol === true,
    };
  }

  /**
   * Signing out revokes the user's tokens, so a copied cookie
   * is worthless too; an invalid cookie has nothing to revoke.
   */
  async close(token: string | undefined): Promise<void> {
    const actor = token ? await this.auth.authenticateToken(token) : null;
    if (actor?.kind === 'user') await this.auth.logout(actor.userId);
  }

  /** The cookie that makes the browser forget its session. */
  closingCookie(): string {
    return this.cookie('', 0);
  }

  csrfMatches(sessionToken: string, given: unknown): boolean {
    return csrfTokenMatches(sessionToken, given, this.secret);
  }

  private cookie(token: string, maxAgeSeconds: number): string {
    return sessionCookieHeader(token, { secure: this.config.NODE_ENV === 'production', maxAgeSeconds });
  }
}
