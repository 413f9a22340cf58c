import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, WorkspaceMember } from '../common/domain/actor';
import type { Role } from './roles';

export const PUBLIC_KEY = 'preclear:public';
export const ROLES_KEY = 'preclear:roles';
export const PEOPLE_ONLY_KEY = 'preclear:people-only';

/** No authentication (login, health, calendar feeds). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The caller needs at least one of these roles in the route's workspace. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/**
 * Only a person's login may call this (403 API_KEY_NOT_ALLOWED for API keys): managing
 * members, roles, invitations and keys. A key must never mint the people who sign.
 */
export const PeopleOnly = (): MethodDecorator & ClassDecorator => SetMetadata(PEOPLE_ONLY_KEY, true);

export const SECOND_FACTOR_ENROLMENT_KEY = 'preclear:second-factor-enrolment';

/**
 * Open to a session that must enrol a second factor first (enrolment itself,
 * signing out); every other route answers 403 SECOND_FACTOR_REQUIRED.
 */
export const SecondFactorEnrolment = (): MethodDecorator & ClassDecorator =>
  SetMetadata(SECOND_FACTOR_ENROLMENT_KEY, true);

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
