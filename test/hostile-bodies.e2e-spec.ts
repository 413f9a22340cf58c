import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

/**
 * Bodies and queries built to crash a handler or the database (deep nesting, prototype keys,
 * NUL characters, lone surrogates, foreign charsets and encodings, integers beyond Postgres'
 * range): each is a 4xx naming what is wrong, never a 500, and nothing is written.
 */
describe('Hostile request bodies (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let brandId: string;
  let postId: string;
  const base = (): string => `/api/v1/workspaces/${ws.id}`;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, {
      admin: ['admin'],
      marketer: ['marketer'],
      reviewer: ['reviewer'],
      auditor: ['auditor'],
    });
    brandId = (await createBrand(t, ws.id, ws.members.admin)).id;
    postId = (await createPost(t, ws.id, ws.members.marketer, germanCreditPost(brandId))).id;
  });
  afterAll(() => t.close());

  const rawJson = (path: string, json: string, headers: Record<string, string> = {}): request.Test =>
    request(t.http)
      .post(path)
      .set(auth(ws.members.admin))
      .set({ 'Content-Type': 'application/json', ...headers })
      .send(json);
  const postJson = (extra: string): string => JSON.stringify(germanCreditPost(brandId)).replace(/^\{/, `{${extra},`);
  const named = (res: request.Response): string => JSON.stringify(res.body.details ?? []) + String(res.body.message);

  it('refuses JSON nested 100,000 levels deep on login with a 400, and the process keeps serving', async () => {
    const deep = `{"email":${'['.repeat(100_000)}${']'.repeat(100_000)},"password":"x"}`;
    const res = await request(t.http).post('/api/v1/auth/login').set('Content-Type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('BODY_TOO_DEEP');
    expect(res.body.message).toContain('email');
    await request(t.http).get('/api/v1/health').expect(200);
  });

  // [what, path, raw JSON body, the field the 400 must name]
  const bodies: [string, string, () => string, string][] = [
    [
      'constructor key in a brand profile',
      '/brands',
      () => '{"name":"B","legalName":"B AG","profile":{"constructor":{"DE":{}}}}',
      'profile.constructor',
    ],
    [
      '__proto__ key in a brand profile',
      '/brands',
      () => '{"name":"B","legalName":"B AG","profile":{"DE":{"__proto__":{"x":1}}}}',
      'profile.DE.__proto__',
    ],
    [
      'constructor key in brandProfile',
      '/compliance/check',
      () => '{"body":"x","channels":["x"],"jurisdictions":["DE"],"brandProfile":{"constructor":{}}}',
      'brandProfile.constructor',
    ],
    ['__proto__ as a top-level key', '/posts', () => postJson('"__proto__":{"admin":true}'), '__proto__'],
    ['constructor as a top-level key', '/posts', () => postJson('"constructor":{"prototype":{}}'), 'constructor'],
    [
      'prototype as a nested key',
      '/posts',
      () => postJson('"media":[{"kind":"image","prototype":1}]'),
      'media[0].prototype',
    ],
    [
      'NUL character in the title',
      '/posts',
      () => JSON.stringify(germanCreditPost(brandId, { title: 'Kredit\u0000' })),
      'title',
    ],
    [
      'NUL character in a link',
      '/posts',
      () => JSON.stringify(germanCreditPost(brandId, { links: ['https://bank.example/\u0000'] })),
      'links[0]',
    ],
    ['NUL character in a brand name', '/brands', () => '{"name":"B\\u0000","legalName":"B AG"}', 'name'],
    [
      'lone high surrogate in the body',
      '/posts',
      () => postJson('"body":"Zinsen \\ud800"').replace(/,"body":"Jetzt[^"]*"/, ''),
      'body',
    ],
    [
      'lone low surrogate in the title',
      '/posts',
      () => postJson('"title":"\\udc00"').replace(/,"title":"Ratenkredit Winter"/, ''),
      'title',
    ],
  ];

  it.each(bodies)('%s -> 400 naming %s', async (_what, path, body, field) => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM posts WHERE workspace_id = $1`, [ws.id]);
    const res = await rawJson(`${base()}${path}`, body());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM posts WHERE workspace_id = $1`, [ws.id])).toEqual(
      before,
    );
  });

  it('refuses a NUL character in a query string, naming the parameter', async () => {
    const res = await request(t.http).get(`${base()}/audit?postId=%00`).set(auth(ws.members.auditor));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'postId', code: 'nulCharacter', message: expect.any(String) }]);
  });

  it('answers a charset other than UTF-8 with 415', async () => {
    const res = await rawJson(`${base()}/brands`, '{"name":"B","legalName":"B AG"}', {
      'Content-Type': 'application/json; charset=latin1',
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('latin1') });
  });

  it('answers an unknown Content-Encoding with 415', async () => {
    const res = await rawJson(`${base()}/brands`, '{"name":"B","legalName":"B AG"}', { 'Content-Encoding': 'x-rot13' });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('x-rot13') });
  });

  // Integers beyond Postgres' `integer` would reach the database and fail there.
  const tooBig = 2_147_483_648;
  const integers: [string, 'get' | 'post' | 'patch', () => string, Record<string, unknown> | undefined, string][] = [
    ['afterSeq', 'get', () => `${base()}/audit?afterSeq=${tooBig}`, undefined, 'afterSeq'],
    ['PATCH revision', 'patch', () => `${base()}/posts/${postId}`, { revision: tooBig, title: 'x' }, 'revision'],
    ['submit revision', 'post', () => `${base()}/posts/${postId}/submit`, { revision: tooBig }, 'revision'],
    [
      'decision revision',
      'post',
      () => `${base()}/posts/${postId}/decisions`,
      { revision: tooBig, stage: 'compliance', decision: 'approve' },
      'revision',
    ],
    [
      'redline against',
      'get',
      () => `${base()}/posts/${postId}/revisions/1/diff?against=${tooBig}`,
      undefined,
      'against',
    ],
    [
      'revision number in the path',
      'get',
      () => `${base()}/posts/${postId}/revisions/${tooBig}/diff?against=1`,
      undefined,
      'n',
    ],
    ['review since', 'get', () => `${base()}/posts/${postId}/review?since=${tooBig}`, undefined, 'since'],
  ];

  it.each(integers)('%s beyond the integer range -> 400', async (_what, method, path, body, field) => {
    const member =
      _what === 'afterSeq'
        ? ws.members.auditor
        : _what.startsWith('decision') || _what.startsWith('review')
          ? ws.members.reviewer
          : ws.members.marketer;
    const req = request(t.http)[method](path()).set(auth(member));
    const res = body ? await req.send(body) : await req;
    expect(res.status).toBe(400);
    expect(named(res)).toContain(field);
  });
});
