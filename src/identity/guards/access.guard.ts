import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../common/errors/app-error';
import type { Actor, WorkspaceMember } from '../../common/domain/actor';
import {
  PEOPLE_ONLY_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  SECOND_FACTOR_ENROLMENT_KEY,
  type AuthenticatedRequest,
} from '../access.decorators';
import { AuthService } from '../auth.service';
import type { Role } from '../roles';
import { RequestCaller } from './request-caller';

/**
 * The one gate of every route: requires a caller (bearer or session cookie, see RequestCaller), resolves
 * the caller's membership of the route's workspace (a workspace the caller is not in is a
 * 404, like any resource of another workspace), then checks the route's roles (403).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly caller: RequestCaller,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.authenticate(req);
    req.actor = actor;
    if (
      actor.kind === 'user' &&
      actor.mustEnrol &&
      !this.reflector.getAllAndOverride<boolean>(SECOND_FACTOR_ENROLMENT_KEY, targets)
    ) {
      throw new ForbiddenError('SECOND_FACTOR_REQUIRED', 'identity:errors.secondFactorRequired');
    }

    const param: unknown = req.params?.workspaceId;
    const workspaceId = typeof param === 'string' ? param : undefined;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const peopleOnly = this.reflector.getAllAndOverride<boolean>(PEOPLE_ONLY_KEY, targets) === true;
    if (workspaceId === undefined) {
      if (peopleOnly) assertPerson(actor);
      return true;
    }
    if (!isUUID(workspaceId)) throw new NotFoundError('workspace', workspaceId);
    const member = await this.auth.memberOf(actor, workspaceId);
    if (!member) throw new NotFoundError('workspace', workspaceId);
    req.member = member;
    if (peopleOnly) assertPerson(actor);
    if (roles && roles.length > 0 && !roles.some((role) => member.roles.includes(role))) {
      throw new ForbiddenError('FORBIDDEN_ROLE', 'errors.forbiddenRole', { roles: roles.join(', ') });
    }
    return true;
  }

  private async authenticate(req: AuthenticatedRequest): Promise<Actor> {
    const actor = await this.caller.of(req);
    if (!actor) throw new UnauthorizedError('errors.missingToken');
    return actor;
  }
}

function assertPerson(actor: Actor): void {
  if (actor.kind !== 'user') throw new ForbiddenError('API_KEY_NOT_ALLOWED', 'identity:errors.apiKeyNotAllowed');
}

export type { WorkspaceMember };
