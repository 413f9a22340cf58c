import { createHash } from 'node:crypto';
import request from 'supertest';
import { createBrand, createPost, germanCreditPost } from './support/fixtures';
import { gif, HTML, jpeg, mp4, png, SVG, webp } from './support/media-files';
import {
  ALL_ROLES,
  auth,
  createWorkspace,
  startTestApp,
  type TestApp,
  type TestMember,
  type TestWorkspace,
} from './support/test-app';
import { approvePost, US_BROKER_PROFILE, usBrokeragePost } from './support/workflow-fixtures';

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Media over HTTP: uploads checked by content, stored once by hash, read back per workspace,
 * referenced by posts with alt text and each network's limits, and bound into the approved hash.
 */
describe('Media (e2e)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let brandId: string;
  const m = (name: string): TestMember => ws.members[name];
  const base = (w: TestWorkspace = ws): string => `/api/v1/workspaces/${w.id}`;

  const upload = (
    bytes: Buffer,
    as: TestMember = m('marketer'),
    filename = 'picture.png',
    w: TestWorkspace = ws,
  ): request.Test =>
    request(t.http)
      .post(`${base(w)}/media`)
      .set(auth(as))
      .attach('file', bytes, { filename, contentType: 'image/png' });

  beforeAll(async () => {
    t = await startTestApp({ MEDIA_MAX_BYTES: String(64 * 1024), PUBLIC_URL: 'https://preclear.example' });
    ws = await createWorkspace(t, ALL_ROLES);
    other = await createWorkspace(t, { marketer: ['marketer'] });
    brandId = (await createBrand(t, ws.id, m('admin'))).id;
  });
  afterAll(() => t.close());

  describe('upload', () => {
    it.each([
      ['JPEG', jpeg(1080, 1080, 'a'), 'image/jpeg', 'image', 1080, 1080, null],
      ['PNG', png(800, 600, 'a'), 'image/png', 'image', 800, 600, null],
      ['GIF', gif(320, 200), 'image/gif', 'image', 320, 200, null],
      ['WebP', webp(500, 400), 'image/webp', 'image', 500, 400, null],
      ['MP4', mp4(1920, 1080, 7500), 'video/mp4', 'video', 1920, 1080, 7500],
      ['QuickTime', mp4(1280, 720, 3000, 'qt  '), 'video/quicktime', 'video', 1280, 720, 3000],
    ])(
      'accepts %s, typed and measured from its bytes',
      async (_name, bytes, mimeType, kind, width, height, durationMs) => {
        // The client claims image/png and a .png name for every one of them: only the bytes count.
        const res = await upload(bytes).expect(201);
        expect(res.body).toEqual({
          id: sha(bytes),
          sha256: sha(bytes),
          kind,
          mimeType,
          sizeBytes: bytes.length,
          width,
          height,
          durationMs,
          uploadedBy: m('marketer').userId,
          createdAt: expect.any(String),
        });
      },
    );

    it.each([
      ['SVG with a script, named .png', SVG, 'logo.png'],
      ['HTML, named .jpg', HTML, 'photo.jpg'],
      ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj'), 'flyer.png'],
    ])('refuses %s with 415 naming the field', async (_name, bytes, filename) => {
      const res = await upload(bytes, m('marketer'), filename).expect(415);
      expect(res.body).toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        details: [{ field: 'file', code: 'mediaType' }],
      });
      expect(res.body.details[0].message).toMatch(/JPEG, PNG, GIF or WebP/);
    });

    it('refuses a file over MEDIA_MAX_BYTES with 413 naming the field, and stores nothing', async () => {
      const big = png(100, 100, 'big', 70 * 1024);
      const res = await upload(big).expect(413);
      expect(res.body).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        details: [{ field: 'file', code: 'mediaTooLarge', message: expect.stringContaining('65536') }],
      });
      await request(t.http)
        .get(`${base()}/media/${sha(big)}`)
        .set(auth(m('marketer')))
        .expect(404);
    });

    it('answers an upload without a file, with another part, or with a broken image header, naming the field', async () => {
      const none = await request(t.http)
        .post(`${base()}/media`)
        .set(auth(m('marketer')))
        .field('x', '1');
      expect(none.status).toBe(400);
      expect(JSON.stringify(none.body.details)).toContain('"x"');
      const json = await request(t.http)
        .post(`${base()}/media`)
        .set(auth(m('marketer')))
        .send({ file: 'iVBORw0KGgo=' })
        .expect(400);
      expect(json.body.details).toEqual([expect.objectContaining({ field: 'file', code: 'required' })]);
      const wrongPart = await request(t.http)
        .post(`${base()}/media`)
        .set(auth(m('marketer')))
        .attach('image', png(10, 10), 'a.png')
        .expect(400);
      expect(wrongPart.body.details).toEqual([expect.objectContaining({ field: 'image', code: 'unknownField' })]);
      const broken = await upload(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02])).expect(400);
      expect(broken.body.details).toEqual([expect.objectContaining({ field: 'file', code: 'mediaUnreadable' })]);
      const garbled = await request(t.http)
        .post(`${base()}/media`)
        .set(auth(m('marketer')))
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nunterminated')
        .expect(400);
      expect(garbled.body.code).toBe('MALFORMED_BODY');
    });

    it('lets only members who write posts upload', async () => {
      for (const role of ['reviewer', 'principal', 'publisher', 'auditor']) {
        await upload(png(10, 10, role), m(role)).expect(403);
      }
      await upload(png(10, 10, 'admin'), m('admin')).expect(201);
      await request(t.http).post(`${base()}/media`).attach('file', png(10, 10), 'a.png').expect(401);
    });

    it('stores the same bytes once: a second upload answers the same id and the first uploader', async () => {
      const bytes = png(640, 640, 'dedupe');
      const first = await upload(bytes).expect(201);
      const second = await upload(bytes, m('admin')).expect(201);
      expect(second.body).toEqual(first.body);
      const audit = await request(t.http)
        .get(`${base()}/audit`)
        .set(auth(m('auditor')))
        .expect(200);
      expect(audit.body.items.filter((e: { subject: string }) => e.subject === `media:${sha(bytes)}`)).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('serves the bytes with the sniffed type, nosniff and a safe file name', async () => {
      const bytes = jpeg(1200, 628, 'read');
      await upload(bytes, m('marketer'), '"><script>.html').expect(201);
      const res = await request(t.http)
        .get(`${base()}/media/${sha(bytes)}/content`)
        .set(auth(m('auditor')))
        .buffer(true)
        .expect(200);
      expect(Buffer.from(res.body as Buffer)).toEqual(bytes);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(`inline; filename="${sha(bytes)}.jpg"`);
      expect(res.headers['content-security-policy']).toContain('sandbox');
      const meta = await request(t.http)
        .get(`${base()}/media/${sha(bytes)}`)
        .set(auth(m('publisher')))
        .expect(200);
      expect(meta.body).toMatchObject({ width: 1200, height: 628, mimeType: 'image/jpeg' });
      const list = await request(t.http)
        .get(`${base()}/media`)
        .set(auth(m('reviewer')))
        .expect(200);
      expect(list.body.map((x: { id: string }) => x.id)).toContain(sha(bytes));
    });

    it('answers 404 to another workspace, even for bytes it uploaded too', async () => {
      const bytes = png(300, 300, 'private');
      await upload(bytes).expect(201);
      const stranger = other.members.marketer;
      await request(t.http)
        .get(`${base(other)}/media/${sha(bytes)}`)
        .set(auth(stranger))
        .expect(404);
      await request(t.http)
        .get(`${base(other)}/media/${sha(bytes)}/content`)
        .set(auth(stranger))
        .expect(404);
      // Through our workspace's path they are not a member at all.
      await request(t.http)
        .get(`${base()}/media/${sha(bytes)}/content`)
        .set(auth(stranger))
        .expect(404);
      expect(
        (
          await request(t.http)
            .get(`${base(other)}/media`)
            .set(auth(stranger))
            .expect(200)
        ).body,
      ).toEqual([]);
      // The other workspace uploading the same bytes gets its own row and sees it.
      await upload(bytes, stranger, 'x.png', other).expect(201);
      await request(t.http)
        .get(`${base(other)}/media/${sha(bytes)}/content`)
        .set(auth(stranger))
        .expect(200);
    });

    it('answers 404 for ids that are not hashes', async () => {
      for (const id of ['..%2F..%2Fetc%2Fpasswd', 'abc', `${'a'.repeat(64)}.png`, 'A'.repeat(64)]) {
        await request(t.http)
          .get(`${base()}/media/${id}/content`)
          .set(auth(m('marketer')))
          .expect(404);
      }
    });
  });

  describe('posts', () => {
    it('stores an upload by id with its kind and alt text; alt text is required per item', async () => {
      const bytes = jpeg(1080, 1080, 'post');
      await upload(bytes).expect(201);
      const created = await createPost(
        t,
        ws.id,
        m('marketer'),
        germanCreditPost(brandId, { media: [{ mediaId: sha(bytes), altText: 'A couple at a kitchen table' }] }),
      );
      expect(created.media).toEqual([{ kind: 'image', mediaId: sha(bytes), altText: 'A couple at a kitchen table' }]);

      const refused = await request(t.http)
        .post(`${base()}/posts`)
        .set(auth(m('marketer')))
        .send(
          germanCreditPost(brandId, {
            media: [
              { mediaId: sha(bytes), altText: 'ok' },
              { mediaId: sha(bytes) },
              { mediaId: sha(bytes), altText: '   ' },
              { mediaId: sha(bytes), altText: 'x'.repeat(1001) },
            ],
          }),
        )
        .expect(400);
      expect(refused.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
        'media[1].altText:required',
        'media[2].altText:notBlank',
        'media[3].altText:maxLength',
      ]);
    });

    it('refuses media that are not uploads of this workspace, naming the item', async () => {
      const theirs = png(500, 500, 'theirs');
      await upload(theirs, other.members.marketer, 'x.png', other).expect(201);
      const res = await request(t.http)
        .post(`${base()}/posts`)
        .set(auth(m('marketer')))
        .send(
          germanCreditPost(brandId, {
            channels: ['facebook'],
            media: [
              { mediaId: sha(theirs), altText: 'Not ours' },
              { mediaId: 'f'.repeat(64), altText: 'Nobody' },
            ],
          }),
        )
        .expect(400);
      expect(res.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual([
        'media[0].mediaId:mediaNotFound',
        'media[1].mediaId:mediaNotFound',
      ]);
    });

    it("checks each channel's limits, naming the item and the channel", async () => {
      const wide = png(1200, 500, 'wide');
      await upload(wide).expect(201);
      const res = await request(t.http)
        .post(`${base()}/posts`)
        .set(auth(m('marketer')))
        .send(
          germanCreditPost(brandId, {
            channels: ['instagram', 'linkedin'],
            media: [{ mediaId: sha(wide), altText: 'A wide banner' }],
          }),
        )
        .expect(400);
      // Instagram takes JPEG only; LinkedIn takes this PNG.
      expect(res.body.details).toEqual([
        {
          field: 'media[0]',
          code: 'mediaTypeForChannel',
          message: 'media[0]: instagram does not accept image/png (it accepts image/jpeg)',
        },
      ]);
      const fine = await createPost(
        t,
        ws.id,
        m('marketer'),
        germanCreditPost(brandId, {
          channels: ['linkedin'],
          media: [{ mediaId: sha(wide), altText: 'A wide banner' }],
        }),
      );
      // Adding Instagram later is checked as well.
      const patched = await request(t.http)
        .patch(`${base()}/posts/${fine.id}`)
        .set(auth(m('marketer')))
        .send({ revision: 1, channels: ['linkedin', 'instagram'] })
        .expect(400);
      expect(patched.body.details[0]).toMatchObject({ field: 'media[0]', code: 'mediaTypeForChannel' });
      const five = await Promise.all(
        [1, 2, 3, 4, 5].map(async (i) => (await upload(png(100, 100, `x${i}`)).expect(201)).body.id as string),
      );
      const tooMany = await request(t.http)
        .post(`${base()}/posts`)
        .set(auth(m('marketer')))
        .send(
          germanCreditPost(brandId, {
            channels: ['x'],
            media: five.map((mediaId) => ({ mediaId, altText: 'A chart' })),
          }),
        )
        .expect(400);
      expect(tooMany.body.details).toEqual([
        expect.objectContaining({
          field: 'media',
          code: 'mediaCountForChannel',
          message: expect.stringContaining('x takes at most 4'),
        }),
      ]);
    });

    it('keeps media descriptions written before uploads, with their hash', async () => {
      const legacy = await createPost(
        t,
        ws.id,
        m('marketer'),
        germanCreditPost(brandId, {
          media: [{ kind: 'image', altText: 'Old style', url: 'https://cdn.example/a.jpg' }],
        }),
      );
      expect(legacy.media).toEqual([{ kind: 'image', altText: 'Old style', url: 'https://cdn.example/a.jpg' }]);
      // Writing the same content again is no change at all.
      const same = await request(t.http)
        .patch(`${base()}/posts/${legacy.id}`)
        .set(auth(m('marketer')))
        .send({ revision: 1, media: legacy.media })
        .expect(200);
      expect(same.body).toMatchObject({ revision: 1, contentHash: legacy.contentHash });
    });
  });

  describe('approvals', () => {
    it('voids approvals when the image is swapped or its alt text changes, like an edit to the text', async () => {
      const usBrand = (
        await createBrand(t, ws.id, m('admin'), {
          name: 'Acme',
          legalName: 'Acme Securities LLC',
          profile: US_BROKER_PROFILE,
        })
      ).id;
      const first = jpeg(1080, 1080, 'approved');
      const second = jpeg(1080, 1080, 'swapped');
      await upload(first).expect(201);
      await upload(second).expect(201);
      const post = await createPost(
        t,
        ws.id,
        m('marketer'),
        usBrokeragePost(usBrand, { media: [{ mediaId: sha(first), altText: 'Advisor at a desk' }] }),
      );
      expect((await approvePost(t, ws, post.id)).status).toBe('scheduled');

      const swapped = await request(t.http)
        .patch(`${base()}/posts/${post.id}`)
        .set(auth(m('marketer')))
        .send({ revision: 1, media: [{ mediaId: sha(second), altText: 'Advisor at a desk' }] })
        .expect(200);
      expect(swapped.body).toMatchObject({ status: 'draft', revision: 2 });
      expect(swapped.body.contentHash).not.toBe(post.contentHash);
      const live = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM review_decisions WHERE post_id = $1 AND voided_at IS NULL`,
        [post.id],
      );
      expect(live[0].n).toBe(0);
      const diff = await request(t.http)
        .get(`${base()}/posts/${post.id}/revisions/2/diff?against=1`)
        .set(auth(m('reviewer')))
        .expect(200);
      expect(JSON.stringify(diff.body.fields)).toContain('media');

      expect((await approvePost(t, ws, post.id)).status).toBe('scheduled');
      const realt = await request(t.http)
        .patch(`${base()}/posts/${post.id}`)
        .set(auth(m('marketer')))
        .send({ revision: 2, media: [{ mediaId: sha(second), altText: 'Advisor at a desk, smiling' }] })
        .expect(200);
      expect(realt.body).toMatchObject({ status: 'draft', revision: 3 });
      const stillLive = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM review_decisions WHERE post_id = $1 AND voided_at IS NULL`,
        [post.id],
      );
      expect(stillLive[0].n).toBe(0);
    });
  });
});
