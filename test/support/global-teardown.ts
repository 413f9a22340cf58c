import Redis from 'ioredis';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { serverUrl, TEST_DB_ENV, TEST_PREFIX_ENV } from './test-env';

/** Drops this run's database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const url = process.env[TEST_DB_ENV];
  if (url) {
    const name = new URL(url).pathname.slice(1);
    const client = new Client({ connectionString: `${serverUrl()}/postgres` });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  const prefix = process.env[TEST_PREFIX_ENV];
  // The uploads of this run (test-app.ts points MEDIA_DIR there).
  if (prefix) await rm(join(tmpdir(), `preclear-media-${prefix}`), { recursive: true, force: true });
  if (prefix) {
    const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } catch {
      // Redis may be the thing a test stopped; nothing of ours is left to clean then.
    } finally {
      redis.disconnect();
    }
  }
}
