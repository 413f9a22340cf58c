import { createHash } from 'node:crypto';
import request from 'supertest';
import { MediaUrls } from '../src/media/media-urls.service';
import { FakeS3 } from './support/fake-s3';
import { png } from './support/media-files';
import { auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';

/** The application on an S3-compatible store (a real HTTP server checking SigV4) instead of MEDIA_DIR. */
describe('Media on an S3-compatible store (e2e)', () => {
  let s3: FakeS3;
  let t: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    s3 = await FakeS3.start();
    t = await startTestApp({
      MEDIA_S3_BUCKET: 'preclear-media',
      MEDIA_S3_ENDPOINT: s3.endpoint,
      MEDIA_S3_REGION: 'eu-central-1',
      MEDIA_S3_ACCESS_KEY_ID: s3.accessKeyId,
      MEDIA_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      // An empty directory that must stay empty: the bucket holds the bytes.
      MEDIA_DIR: '/nonexistent/preclear-media-must-not-be-used',
    });
    ws = await createWorkspace(t, { marketer: ['marketer'] });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it('uploads into the bucket, once, and serves the bytes back through the API and a signed URL', async () => {
    const bytes = png(640, 480, 's3');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const base = `/api/v1/workspaces/${ws.id}/media`;
    await request(t.http).post(base).set(auth(ws.members.marketer)).attach('file', bytes, 'a.png').expect(201);
    await request(t.http).post(base).set(auth(ws.members.marketer)).attach('file', bytes, 'b.png').expect(201);
    expect(s3.objects.get(`/preclear-media/media/${hash}`)).toEqual({ body: bytes, contentType: 'image/png' });
    expect(s3.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);

    const res = await request(t.http)
      .get(`${base}/${hash}/content`)
      .set(auth(ws.members.marketer))
      .buffer(true)
      .expect(200);
    expect(Buffer.from(res.body as Buffer)).toEqual(bytes);
    const url = new URL(t.app.get(MediaUrls).url(ws.id, hash));
    const fetched = await request(t.http).get(url.pathname).buffer(true).expect(200);
    expect(Buffer.from(fetched.body as Buffer)).toEqual(bytes);
  });

  it('refuses to serve bytes the bucket altered behind our back', async () => {
    const bytes = png(320, 320, 'tampered');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const base = `/api/v1/workspaces/${ws.id}/media`;
    await request(t.http).post(base).set(auth(ws.members.marketer)).attach('file', bytes, 'a.png').expect(201);
    s3.objects.set(`/preclear-media/media/${hash}`, { body: png(320, 320, 'swapped'), contentType: 'image/png' });
    const res = await request(t.http).get(`${base}/${hash}/content`).set(auth(ws.members.marketer)).expect(500);
    expect(res.body.code).toBe('INTERNAL');
  });
});
