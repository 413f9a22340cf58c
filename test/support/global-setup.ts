import { randomBytes } from 'node:crypto';
import { prepareDatabase } from '../../src/database/prepare-database';
import { ensureWebBuild } from '../browser/support/web-build';
import { serverUrl, TEST_DB_ENV, TEST_PREFIX_ENV } from './test-env';

/** One fresh database per test run, migrated once (dropped by global-teardown), and a current web build. */
export default async function globalSetup(): Promise<void> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${serverUrl()}/preclear_test_${suffix}`;
  process.env[TEST_DB_ENV] = url;
  process.env[TEST_PREFIX_ENV] = `preclear-test-${suffix}`;
  await prepareDatabase(url);
  ensureWebBuild();
}
