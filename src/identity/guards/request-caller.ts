import { Injectable } from '@nestjs/common';
import { ForbiddenError, UnauthorizedError } from '../../common/errors/app-error';
import type { Actor } from '../../common/domain/actor';
import type { AuthenticatedRequest } from '../access.decorators';
import { AuthService } from '../auth.service';
import { CSRF_HEADER, isSafeMethod, readSessionCookie } from '../session/session-cookie';
import { SessionService } from '../session/session.service';

/**
 * Who sent a request: the bearer (JWT or `pck_` API key) or the web app's session cookie, whose
 * unsafe requests must carry the CSRF token. The access guard requires a caller; public routes
 * that treat a signed-in caller differently (accepting an invitation) ask here too, so a browser
 * session counts the same as a bearer everywhere.
 */
@Injectable()
export class RequestCaller {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  /** The caller, or null when the request carries no credential. A bad credential is a 401, never "nobody". */
  async of(req: Pick<AuthenticatedRequest, 'headers' | 'method'>): Promise<Actor | null> {
    const token = bearerToken(req);
    if (token) return this.actorOf(token);
    const sessionToken = readSessionCookie(req.headers);
    if (!sessionToken) return null;
    const actor = await this.actorOf(sessionToken);
    // A cookie is sent by the browser on its own; only our page can read the CSRF token to echo it.
    if (!isSafeMethod(req.method) && !this.sessions.csrfMatches(sessionToken, req.headers[CSRF_HEADER])) {
      throw new ForbiddenError('CSRF_FAILED', 'errors.csrfFailed');
    }
    return actor;
  }

  private async actorOf(token: string): Promise<Actor> {
    const actor = await this.auth.authenticateToken(token);
    if (!actor) throw new UnauthorizedError('errors.invalidToken');
    return actor;
  }
}

/** The token of an `Authorization: Bearer` header, if any. */
export function bearerToken(req: Pick<AuthenticatedRequest, 'headers'>): string | null {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match ? match[1] : null;
}
