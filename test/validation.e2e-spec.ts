import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

/**
 * Malformed and hostile input: every case must be a 400 or 422 whose body names the field,
 * never a 500 and never an accepted write.
 */
describe('Hostile and malformed input (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let brandId: string;
  let postId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, { admin: ['admin'], marketer: ['marketer'] });
    brandId = (await createBrand(t, ws.id, ws.members.admin)).id;
    postId = (await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId))).id;
  });
  afterAll(() => t.close());

  const post = (overrides: Record<string, unknown>): Record<string, unknown> => germanCreditPost(brandId, overrides);
  const without = (field: string): Record<string, unknown> => {
    const body = germanCreditPost(brandId);
    delete body[field];
    return body;
  };

  // [description, path suffix, method, body, the field the answer must name]
  const cases: [string, string, 'post' | 'patch', () => unknown, string][] = [
    ['title missing', '/posts', 'post', () => without('title'), 'title'],
    ['body missing', '/posts', 'post', () => without('body'), 'body'],
    ['brandId missing', '/posts', 'post', () => without('brandId'), 'brandId'],
    ['timezone missing', '/posts', 'post', () => without('timezone'), 'timezone'],
    ['channels missing', '/posts', 'post', () => without('channels'), 'channels'],
    ['title a number', '/posts', 'post', () => post({ title: 42 }), 'title'],
    ['body an object', '/posts', 'post', () => post({ body: { text: 'x' } }), 'body'],
    ['body empty', '/posts', 'post', () => post({ body: '' }), 'body'],
    ['body of 100,000 characters', '/posts', 'post', () => post({ body: 'x'.repeat(100_000) }), 'body'],
    ['title of 10,000 characters', '/posts', 'post', () => post({ title: 'y'.repeat(10_000) }), 'title'],
    ['paid a string', '/posts', 'post', () => post({ paid: 'yes' }), 'paid'],
    ['interactive a number', '/posts', 'post', () => post({ interactive: 1 }), 'interactive'],
    ['influencer null', '/posts', 'post', () => post({ influencer: null }), 'influencer'],
    ['channels a string', '/posts', 'post', () => post({ channels: 'instagram' }), 'channels'],
    ['channels empty', '/posts', 'post', () => post({ channels: [] }), 'channels'],
    ['unknown channel', '/posts', 'post', () => post({ channels: ['myspace'] }), 'channels'],
    ['duplicate channels', '/posts', 'post', () => post({ channels: ['x', 'x'] }), 'channels'],
    ['unknown product category', '/posts', 'post', () => post({ productCategory: 'payday' }), 'productCategory'],
    [
      'unknown communication type',
      '/posts',
      'post',
      () => post({ communicationType: 'broadcast' }),
      'communicationType',
    ],
    ['unknown audience', '/posts', 'post', () => post({ audience: 'everyone' }), 'audience'],
    ['lower-case jurisdiction', '/posts', 'post', () => post({ jurisdictions: ['de'] }), 'jurisdictions'],
    ['unknown jurisdiction', '/posts', 'post', () => post({ jurisdictions: ['XX'] }), 'jurisdictions'],
    [
      'SQL in a jurisdiction',
      '/posts',
      'post',
      () => post({ jurisdictions: ["DE'; DROP TABLE posts;--"] }),
      'jurisdictions',
    ],
    ['bad time zone', '/posts', 'post', () => post({ timezone: 'Mars/Olympus_Mons' }), 'timezone'],
    ['offset as time zone', '/posts', 'post', () => post({ timezone: '+01:00' }), 'timezone'],
    ['time zone with SQL', '/posts', 'post', () => post({ timezone: "Europe/Berlin' OR 1=1" }), 'timezone'],
    ['scheduledAt not a date', '/posts', 'post', () => post({ scheduledAt: 'tomorrow morning' }), 'scheduledAt'],
    [
      'scheduledAt impossible date',
      '/posts',
      'post',
      () => post({ scheduledAt: '2026-02-31T09:00:00+01:00' }),
      'scheduledAt',
    ],
    ['scheduledAt a number', '/posts', 'post', () => post({ scheduledAt: 1764577800000 }), 'scheduledAt'],
    [
      'scheduledAt inside a DST gap',
      '/posts',
      'post',
      () => post({ scheduledAt: '2026-03-29T02:15:00' }),
      'scheduledAt',
    ],
    ['link not a URL', '/posts', 'post', () => post({ links: ['javascript:alert(1)'] }), 'links'],
    ['link an object', '/posts', 'post', () => post({ links: [{ href: 'https://x' }] }), 'links'],
    ['media without kind', '/posts', 'post', () => post({ media: [{ altText: 'x' }] }), 'media[0].kind'],
    ['media kind unknown', '/posts', 'post', () => post({ media: [{ kind: 'hologram' }] }), 'media[0].kind'],
    [
      'media with unknown field',
      '/posts',
      'post',
      () => post({ media: [{ kind: 'image', onload: 'x' }] }),
      'media[0].onload',
    ],
    ['unknown top-level field', '/posts', 'post', () => post({ status: 'published' }), 'status'],
    [
      'prototype pollution attempt',
      '/posts',
      'post',
      () => JSON.parse(`{"__proto__":{"admin":true},"title":1}`),
      '__proto__',
    ],
    ['brandId not a UUID', '/posts', 'post', () => post({ brandId: "1' OR '1'='1" }), 'brandId'],
    ['campaignId not a UUID', '/posts', 'post', () => post({ campaignId: '<script>' }), 'campaignId'],
    ['locale with HTML', '/posts', 'post', () => post({ locale: '<b>de</b>' }), 'locale'],
    ['body an array', '/posts', 'post', () => [1, 2, 3], 'brandId'],
    ['patch without revision', `/posts/:post`, 'patch', () => ({ title: 'x' }), 'revision'],
    ['patch revision a string', `/posts/:post`, 'patch', () => ({ revision: '1', title: 'x' }), 'revision'],
    ['patch revision zero', `/posts/:post`, 'patch', () => ({ revision: 0, title: 'x' }), 'revision'],
    ['patch unknown field', `/posts/:post`, 'patch', () => ({ revision: 1, contentHash: 'sha256:00' }), 'contentHash'],
    ['patch bad time zone', `/posts/:post`, 'patch', () => ({ revision: 1, timezone: 'Europe/Nowhere' }), 'timezone'],
    ['brand without legal name', '/brands', 'post', () => ({ name: 'B' }), 'legalName'],
    [
      'brand profile for unknown jurisdiction',
      '/brands',
      'post',
      () => ({ name: 'B', legalName: 'B', profile: { XX: {} } }),
      'profile.XX',
    ],
    ['brand profile an array', '/brands', 'post', () => ({ name: 'B', legalName: 'B', profile: [1] }), 'profile'],
    [
      'campaign with bad dates',
      '/campaigns',
      'post',
      () => ({ name: 'C', brandId, startsOn: '01/12/2026', endsOn: '2027-01-01' }),
      'startsOn',
    ],
    [
      'member with unknown role',
      '/members',
      'post',
      () => ({ email: 'x@y.test', name: 'X', roles: ['superuser'] }),
      'roles',
    ],
    [
      'member with bad e-mail',
      '/members',
      'post',
      () => ({ email: 'not-an-email', name: 'X', roles: ['auditor'] }),
      'email',
    ],
    [
      'member with a password set by the admin',
      '/members',
      'post',
      () => ({ email: 'pw@y.test', name: 'X', password: 'violet-harbour-cactus-97', roles: ['auditor'] }),
      'password',
    ],
    [
      'member with CRD of letters',
      '/members',
      'post',
      () => ({ email: 'crd@y.test', name: 'X', roles: ['principal'], qualification: { crdNumber: 'ABC' } }),
      'qualification.crdNumber',
    ],
    ['API key without roles', '/api-keys', 'post', () => ({ name: 'k', roles: [] }), 'roles'],
  ];

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s -> 400/422 naming the field', async (_name, suffix, method, body, field) => {
    const path = `/api/v1/workspaces/${ws.id}${suffix.replace(':post', postId)}`;
    const member = ['/brands', '/members', '/api-keys'].includes(suffix) ? ws.members.admin : ws.members.marketer;
    const res = await request(t.http)
      [method](path)
      .set(auth(member))
      .send(body() as object);
    expect([400, 422]).toContain(res.status);
    expect(res.body.code).toEqual(expect.any(String));
    const named = JSON.stringify(res.body.details ?? []) + res.body.message;
    expect(named).toContain(field);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await request(t.http)
      .post(`/api/v1/workspaces/${ws.id}/posts`)
      .set(auth(ws.members.marketer))
      .set('Content-Type', 'application/json')
      .send('{"title": "x",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('stores SQL and HTML in text verbatim, as data, and returns it unchanged', async () => {
    const body = `<img src=x onerror=alert(1)> '; DROP TABLE posts; -- 3,9 % "quoted"`;
    const created = await createPost(
      t,
      ws.id,
      ws.members.marketer,
      post({ body, title: "Robert'); DROP TABLE students;--" }),
    );
    const res = await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/${created.id}`)
      .set(auth(ws.members.marketer))
      .expect(200);
    expect(res.body.body).toBe(body);
    expect(res.body.title).toBe("Robert'); DROP TABLE students;--");
  });

  it('answers 404 for ids that are not UUIDs', async () => {
    await request(t.http)
      .get(`/api/v1/workspaces/${ws.id}/posts/1%20OR%201=1`)
      .set(auth(ws.members.marketer))
      .expect(404);
    await request(t.http).get(`/api/v1/workspaces/not-a-uuid/posts`).set(auth(ws.members.marketer)).expect(404);
  });
});
