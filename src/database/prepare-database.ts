import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appRoleOf, grantAppRole } from './app-role';
import { dataSourceOptions } from './data-source-options';

/** Creates the database named in the URL if it is missing (connecting to `postgres` to do it). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another instance created it between our check and our CREATE: fine.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Creates the database if needed and runs pending migrations under an advisory lock, so
 * several instances starting together migrate once. Never `synchronize`. Given the app's own
 * connection URL, then (still as the owner, under the lock) sets up that restricted role.
 */
export async function prepareDatabase(databaseUrl: string, appDatabaseUrl?: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', ['preclear-migrations']);
    try {
      const ran = await dataSource.runMigrations();
      if (appDatabaseUrl) await grantAppRole(dataSource, appRoleOf(appDatabaseUrl));
      return ran.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock(hashtext($1))', ['preclear-migrations']);
    }
  } finally {
    await dataSource.destroy();
  }
}
