import { ROLES, type Role } from '../common/domain/roles';

export { ROLES, type Role };

/** Everyone in the workspace may read the calendar, brands and campaigns. */
export const READ_ROLES: readonly Role[] = ROLES;
