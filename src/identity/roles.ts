/** The roles of API.md. A member may hold several. */
export const ROLES = ['admin', 'marketer', 'reviewer', 'principal', 'publisher', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone in the workspace may read the calendar, brands and campaigns. */
export const READ_ROLES: readonly Role[] = ROLES;
