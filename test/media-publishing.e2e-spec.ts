import { createHash } from 'node:crypto';
import request from 'supertest';
import { MediaUrls } from '../src/media/media-urls.service';
import { jpeg, png } from './support/media-files';
import { createDeBrand, createWebhookChannel, isolatedStore, waitForStatus } from './support/scheduled-post';
import { DueWork, submitAndRunOnTime } from './support/due-work';
import { TestClock } from './support/test-clock';
import { ALL_ROLES, auth, createWorkspace, startTestApp, type TestApp, type TestWorkspace } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const PUBLIC_URL = 'https://preclear.example';

/**
 * Publishing a post with uploaded media: the adapter gets the approved media (metadata, bytes on
 * request, signed URLs), the receiver fetches the image through its URL, and the archive keeps
 * the hashes. Signed URLs refuse expired and altered tokens without saying which. The app runs
 * on a TestClock, so expiry is judged on instants the test chooses.
 */
describe('Media in publishing (e2e)', () => {
  const store = isolatedStore('media_publishing');
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let receiver: WebhookReceiver;
  let brandId: string;
  const clock = new TestClock('2027-03-01T08:00:00Z');
  let due: DueWork;
  const base = (): string => `/api/v1/workspaces/${ws.id}`;
  const pathOf = (url: string): string => url.slice(PUBLIC_URL.length);
  const upload = async (bytes: Buffer, w: TestWorkspace = ws): Promise<void> => {
    await request(t.http)
      .post(`/api/v1/workspaces/${w.id}/media`)
      .set(auth(w.members.marketer))
      .attach('file', bytes, 'a.jpg')
      .expect(201);
  };

  beforeAll(async () => {
    t = await startTestApp({ ...store.env, RUN_WORKERS: 'true', PUBLIC_URL, MEDIA_URL_TTL_SECONDS: '600' }, { clock });
    due = new DueWork(t, clock);
    ws = await createWorkspace(t, ALL_ROLES);
    other = await createWorkspace(t, { marketer: ['marketer'] });
    receiver = await WebhookReceiver.start();
    brandId = await createDeBrand(t, ws);
    await createWebhookChannel(t, ws, brandId, 'instagram', receiver);
    // A database of its own is created and migrated first, which takes a while on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await receiver.close();
    await store.drop();
  });

  it('sends the approved image as metadata and a signed URL that serves its bytes, and archives its hash', async () => {
    const image = jpeg(1080, 1350, 'publish');
    await upload(image);
    const post = await submitAndRunOnTime(due, ws, brandId, {
      media: [{ mediaId: sha(image), altText: 'Our branch at the market square' }],
    });
    await waitForStatus(t, ws, post.id, ['published']);

    expect(receiver.requests).toHaveLength(1);
    const [sent] = receiver.requests;
    expect(sent.body.media).toEqual([
      { kind: 'image', mediaId: sha(image), altText: 'Our branch at the market square' },
    ]);
    expect(sent.body.attachments).toEqual([
      {
        sha256: sha(image),
        kind: 'image',
        mimeType: 'image/jpeg',
        sizeBytes: image.length,
        width: 1080,
        height: 1350,
        altText: 'Our branch at the market square',
        url: expect.stringMatching(
          new RegExp(`^${PUBLIC_URL}/media/[0-9a-f]{64}\\.[0-9a-f-]{36}\\.\\d+\\.[A-Za-z0-9_-]{43}$`),
        ),
      },
    ]);
    // As Instagram would: fetch the URL without any credentials.
    const fetched = await request(t.http).get(pathOf(sent.body.attachments[0].url)).buffer(true).expect(200);
    expect(Buffer.from(fetched.body as Buffer)).toEqual(image);
    expect(fetched.headers['content-type']).toBe('image/jpeg');
    expect(fetched.headers['x-content-type-options']).toBe('nosniff');

    const archive = await request(t.http).get(`${base()}/archive`).set(auth(ws.members.auditor)).expect(200);
    const record = archive.body.items.find((r: { postId: string }) => r.postId === post.id);
    expect(record.media).toEqual([{ kind: 'image', mediaId: sha(image), altText: 'Our branch at the market square' }]);
    const verify = await request(t.http).get(`${base()}/audit/verify`).set(auth(ws.members.auditor)).expect(200);
    expect(verify.body.ok).toBe(true);
  });

  describe('signed URLs', () => {
    it('answers 404, with nothing said, to an expired, altered or foreign token', async () => {
      const image = png(400, 400, 'signed');
      await upload(image);
      const urls = t.app.get(MediaUrls);
      const good = urls.url(ws.id, sha(image));
      await request(t.http).get(pathOf(good)).expect(200);
      // HEAD works for fetchers that look first.
      await request(t.http).head(pathOf(good)).expect(200);

      const expired = urls.url(ws.id, sha(image), 60, clock.now().getTime() - 61_000);
      const [hash, workspace, expiry, signature] = pathOf(good).slice('/media/'.length).split('.');
      const longer = `/media/${hash}.${workspace}.${Number(expiry) + 86_400}.${signature}`;
      const otherWorkspace = `/media/${hash}.${other.id}.${expiry}.${signature}`;
      // Correctly signed, but naming a workspace that never uploaded these bytes.
      const foreign = urls.url(other.id, sha(image));
      const notSigned = `/media/${hash}.${workspace}.${expiry}.${'A'.repeat(43)}`;
      for (const path of [
        pathOf(expired),
        longer,
        otherWorkspace,
        pathOf(foreign),
        notSigned,
        '/media/nonsense',
        `/media/${hash}`,
      ]) {
        const res = await request(t.http).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.body).toEqual(expect.objectContaining({ code: 'NOT_FOUND' }));
        expect(JSON.stringify(res.body)).not.toMatch(/expire|signature|workspace/i);
      }
    });

    it('lives MEDIA_URL_TTL_SECONDS by default, by the app clock', async () => {
      const image = png(401, 401, 'ttl');
      await upload(image);
      const issuedAt = clock.now().getTime();
      const url = t.app.get(MediaUrls).url(ws.id, sha(image));
      expect(Number(pathOf(url).split('.')[2])).toBe(Math.floor(issuedAt / 1000) + 600);
      clock.advance(599_000);
      await request(t.http).get(pathOf(url)).expect(200);
      clock.advance(1000);
      await request(t.http).get(pathOf(url)).expect(404);
    });
  });
});
