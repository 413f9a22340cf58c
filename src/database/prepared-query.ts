import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `text` as a named prepared statement on the data source's own pool (same role, same
 * connections). Postgres then plans it once per connection instead of on every call: for a
 * small hot query (the feed's version check) planning costs three times the execution.
 * TypeORM's `query` has no way to name a statement, hence the driver's pool. Use it only for
 * fixed SQL text: the name must always stand for the same statement.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const driver = dataSource.driver;
  if (!(driver instanceof PostgresDriver)) throw new Error('preparedQuery needs the Postgres driver');
  const pool = driver.master as Pool;
  const result = await pool.query<T & object>({ name, text, values });
  return result.rows;
}
