import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, WorkspaceMember } from './actor';
import type { Role } from './roles';

export const PUBLIC_KEY = 'preclear:public';
export const ROLES_KEY = 'preclear:roles';

/** No authentication (login, health, calendar feeds). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The caller needs at least one of these roles in the route's workspace. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  member?: WorkspaceMember;
}

export const CurrentMember = createParamDecorator((_: unknown, ctx: ExecutionContext): WorkspaceMember => {
  const member = ctx.switchToHttp().getRequest<AuthenticatedRequest>().member;
  if (!member) throw new Error('CurrentMember used on a route without :workspaceId');
  return member;
});

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
