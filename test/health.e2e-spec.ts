import { createServer, type AddressInfo } from 'node:net';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/** A port with nothing listening: the "Redis" that is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Health (e2e)', () => {
  it('is 200 with both checks up when Postgres and Redis answer', async () => {
    const t = await startTestApp();
    try {
      const res = await request(t.http).get('/api/v1/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });

  it('is 503 naming redis when Redis is unreachable', async () => {
    const t: TestApp = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${await deadPort()}` });
    try {
      const res = await request(t.http).get('/api/v1/health').expect(503);
      expect(res.body).toEqual({ status: 'degraded', checks: { database: 'up', redis: 'down' } });
    } finally {
      await t.close();
    }
  });

  it('serves the OpenAPI document with every route', async () => {
    const t = await startTestApp();
    try {
      const res = await request(t.http).get('/api/docs-json').expect(200);
      const paths = Object.keys(res.body.paths);
      expect(paths).toEqual(
        expect.arrayContaining(['/api/v1/auth/login', '/api/v1/workspaces/{workspaceId}/posts', '/api/v1/workspaces/{workspaceId}/calendar', '/api/v1/health']),
      );
    } finally {
      await t.close();
    }
  });
});
