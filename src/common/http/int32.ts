/** Largest value of a Postgres `integer` column: a larger revision or seq is a 400, not a database error. */
export const INT32_MAX = 2_147_483_647;
