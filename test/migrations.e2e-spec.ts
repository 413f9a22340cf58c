import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { prepareDatabase } from '../src/database/prepare-database';
import { serverUrl } from './support/test-env';

/** The migrations are the schema: they create exactly what the entities describe, and revert cleanly. */
describe('Migrations (e2e)', () => {
  const name = `preclear_migrations_${randomBytes(4).toString('hex')}`;
  const url = `${serverUrl()}/${name}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await prepareDatabase(url); // creates the missing database, then migrates
    dataSource = await new DataSource({ ...dataSourceOptions(url), extra: { max: 1 } }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    const admin = new Client({ connectionString: `${serverUrl()}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('leave no difference between the entities and the schema (migration:generate would find nothing)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert one by one to an empty schema and run again', async () => {
    const count = dataSource.migrations.length;
    for (let i = 0; i < count; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toEqual([]);
    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(count);
  });
});
