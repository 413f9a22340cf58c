import { ROLES, type Role } from '../roles';

/** One line of a workspace's mapping: members of this identity-provider group hold these roles. */
export interface GroupRoles {
  group: string;
  roles: Role[];
}

export interface RoleChange {
  roles: Role[];
  added: Role[];
  removed: Role[];
}

/**
 * The roles a member holds after an SSO sign-in. Roles named anywhere in the mapping belong to
 * the identity provider: the member holds them exactly when one of their groups maps to them, so
 * a group that disappears takes its role away at this sign-in. Roles the mapping never names are
 * left as an admin granted them.
 */
export function rolesAfterSignIn(
  current: readonly Role[],
  groups: readonly string[],
  mapping: readonly GroupRoles[],
): RoleChange {
  const managed = new Set(mapping.flatMap((m) => m.roles));
  const held = new Set(groups);
  const wanted = new Set(mapping.filter((m) => held.has(m.group)).flatMap((m) => m.roles));
  const kept = current.filter((role) => !managed.has(role));
  // ROLES order keeps the stored array stable whatever the order of the claim.
  const roles = ROLES.filter((role) => kept.includes(role) || wanted.has(role));
  return {
    roles,
    added: roles.filter((role) => !current.includes(role)),
    removed: current.filter((role) => !roles.includes(role)),
  };
}

/**
 * The groups of an ID token's claim: a list of strings (a single string counts as one group); anything else is none.
 */
export function groupsOfClaim(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((g): g is string => typeof g === 'string');
}

/** The domain part of an e-mail address, lower-cased; null when it has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}
