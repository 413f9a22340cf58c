import { createServer, type AddressInfo } from 'node:net';
import request from 'supertest';
import { auth, createWorkspace, startTestApp, type TestApp } from './support/test-app';

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
      // The login rate limit lives in Redis too; without it, people can still log in.
      const ws = await createWorkspace(t, { admin: ['admin'] });
      await request(t.http).get(`/api/v1/workspaces/${ws.id}/brands`).set(auth(ws.members.admin)).expect(200);
    } finally {
      await t.close();
    }
  });

  it('serves an OpenAPI document that lists every route the app serves', async () => {
    const t = await startTestApp();
    try {
      const res = await request(t.http).get('/api/docs-json').expect(200);
      const documented = new Set<string>();
      for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
        for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
      }
      // Every route Express knows, in OpenAPI's `{param}` notation; the docs' own routes and
      // Nest's catch-all not-found handlers (registered for every method) excepted.
      const router = (
        t.app.getHttpAdapter().getInstance() as {
          router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
        }
      ).router;
      const served = router.stack
        .filter(
          (layer) =>
            layer.route && !layer.route.path.startsWith('/api/docs') && Object.keys(layer.route.methods).length < 5,
        )
        .flatMap((layer) =>
          Object.keys(layer.route!.methods)
            .filter((m) => m !== '_all' && m !== 'head')
            .map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`),
        );
      expect(served.length).toBeGreaterThan(30);
      expect(served.filter((route) => !documented.has(route))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
