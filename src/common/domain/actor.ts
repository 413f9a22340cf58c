import type { MemberQualification, Role } from './roles';

/** Who is calling: a logged-in user, or an API key of one workspace. */
export type Actor =
  /**
   * `mustEnrol`: a password session of a workspace that requires a
   * second factor, before the user enrolled one: it may only enrol.
   */
  | { kind: 'user'; userId: string; mustEnrol?: boolean }
  | { kind: 'apiKey'; apiKeyId: string; workspaceId: string; roles: Role[] };

/** The caller as a member of the workspace named in the route. */
export interface WorkspaceMember {
  workspaceId: string;
  actor: Actor;
  /** The user behind the call; null for API keys. Authorship and signatures use it. */
  userId: string | null;
  roles: Role[];
  qualification: MemberQualification;
  language: string;
}

export function actorLabel(actor: Actor | string): string {
  if (typeof actor === 'string') return actor;
  return actor.kind === 'user' ? `user:${actor.userId}` : `apikey:${actor.apiKeyId}`;
}

export function hasAnyRole(member: WorkspaceMember, roles: readonly Role[]): boolean {
  return roles.some((role) => member.roles.includes(role));
}
