import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

describe('Serving the web app (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the app at / and for every client route, never cached', async () => {
    for (const path of [
      '/',
      '/calendar',
      '/calendar-feeds',
      '/posts/new',
      '/review/0b7e2f3c-1a2b-4c5d-8e9f-0a1b2c3d4e5f',
    ]) {
      const res = await request(t.http).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets with a long cache and a script policy that allows only its own origin', async () => {
    const index = await request(t.http).get('/').expect(200);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const asset = await request(t.http).get(script).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('leaves the API and the feeds alone: unknown routes there are JSON 404s', async () => {
    const api = await request(t.http).get('/api/v1/no-such-route').expect(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
    expect(api.body.statusCode).toBe(404);
    const feed = await request(t.http).get('/feeds/not-a-token.ics').expect(404);
    expect(feed.text).not.toContain('<div id="root">');
    await request(t.http).get('/api/docs-json').expect(200);
  });
});

describe('Demo logins for the sign-in page (e2e)', () => {
  it('exist only on a demo server', async () => {
    const plain = await startTestApp();
    try {
      await request(plain.http).get('/api/v1/auth/demo-logins').expect(404);
    } finally {
      await plain.close();
    }
    const demo = await startTestApp({ DEMO: 'true' });
    try {
      const res = await request(demo.http).get('/api/v1/auth/demo-logins').expect(200);
      expect(res.body.password).toEqual(expect.any(String));
      expect(res.body.logins).toContainEqual({
        email: 'marketer@demo.preclear.test',
        name: 'Mia Marketer',
        roles: ['marketer'],
      });
    } finally {
      await demo.close();
    }
  });
});
