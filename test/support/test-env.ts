/**
 * Names of this run's own database and Redis key prefix. global-setup picks them once and
 * passes them to the workers through the environment, so runs never see each other's data.
 */
export const TEST_DB_ENV = 'PRECLEAR_TEST_DATABASE_URL';
export const TEST_PREFIX_ENV = 'PRECLEAR_TEST_QUEUE_PREFIX';

export function testDatabaseUrl(): string {
  const url = process.env[TEST_DB_ENV];
  if (!url) {
    throw new Error(`${TEST_DB_ENV} is not set: run the e2e tests through jest (global-setup creates the database)`);
  }
  return url;
}

export function testQueuePrefix(): string {
  return process.env[TEST_PREFIX_ENV] ?? 'preclear-test';
}

/** The Postgres server the tests use; override with PRECLEAR_TEST_PG (a URL without database). */
export function serverUrl(): string {
  return (process.env.PRECLEAR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
}
