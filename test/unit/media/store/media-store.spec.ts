import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeS3 } from '../../../support/fake-s3';
import { LocalMediaStore } from '../../../../src/media/store/local-media-store';
import type { MediaStore } from '../../../../src/media/store/media-store';
import { createS3Client, s3KeyOf, S3MediaStore } from '../../../../src/media/store/s3-media-store';

const bytes = Buffer.from('an image, as far as the store cares');
const hash = createHash('sha256').update(bytes).digest('hex');

/** What every store must do, whatever it keeps the bytes in. */
function behavesAsAStore(make: () => MediaStore): void {
  it('gives back the bytes stored under their hash, and null for a hash it does not hold', async () => {
    const store = make();
    await store.put(hash, bytes, 'image/png');
    await expect(store.get(hash)).resolves.toEqual(bytes);
    await expect(store.get('0'.repeat(64))).resolves.toBeNull();
  });

  it('stores the same bytes twice without error', async () => {
    const store = make();
    await store.put(hash, bytes, 'image/png');
    await store.put(hash, bytes, 'image/png');
    await expect(store.get(hash)).resolves.toEqual(bytes);
  });

  it('refuses an object name that is not a hash (no path can be smuggled in)', async () => {
    const store = make();
    await expect(store.put('../../etc/passwd', bytes, 'image/png')).rejects.toThrow(/SHA-256/);
    await expect(store.get('../' + hash)).rejects.toThrow(/SHA-256/);
  });
}

describe(LocalMediaStore.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'preclear-media-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  behavesAsAStore(() => new LocalMediaStore(dir));

  it('keeps one file per hash under a two-digit folder, with no temporary file left', async () => {
    const store = new LocalMediaStore(dir);
    await Promise.all([
      store.put(hash, bytes, 'image/png'),
      store.put(hash, bytes, 'image/png'),
      store.put(hash, bytes, 'image/png'),
    ]);
    expect(await readdir(join(dir, hash.slice(0, 2)))).toEqual([hash]);
    await expect(readFile(join(dir, hash.slice(0, 2), hash))).resolves.toEqual(bytes);
  });
});

describe(S3MediaStore.name, () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await FakeS3.start();
  });
  afterAll(() => s3.close());

  const client = (secretAccessKey = s3.secretAccessKey) =>
    createS3Client({
      bucket: 'media',
      region: 'eu-central-1',
      endpoint: s3.endpoint,
      accessKeyId: s3.accessKeyId,
      secretAccessKey,
    });

  behavesAsAStore(() => new S3MediaStore(client(), 'media'));

  it('puts one object per hash, path-style, with its type and a SHA-256 checksum the store verifies', async () => {
    const store = new S3MediaStore(client(), 'media');
    const other = Buffer.from('another file');
    const otherHash = createHash('sha256').update(other).digest('hex');
    const before = s3.requests.length;
    await store.put(otherHash, other, 'image/jpeg');
    await store.put(otherHash, other, 'image/jpeg');
    const made = s3.requests.slice(before);
    // HEAD (missing), PUT, then HEAD (present) and no second PUT.
    expect(made.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `HEAD /media/${s3KeyOf(otherHash)} 404`,
      `PUT /media/${s3KeyOf(otherHash)} 200`,
      `HEAD /media/${s3KeyOf(otherHash)} 200`,
    ]);
    expect(made[1].headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(other).digest('base64'));
    expect(s3.objects.get(`/media/media/${otherHash}`)).toEqual({ body: other, contentType: 'image/jpeg' });
  });

  it('fails loudly with a wrong secret (the store refuses the signature)', async () => {
    const store = new S3MediaStore(client('not-the-secret'), 'media');
    await expect(store.put(hash, bytes, 'image/png')).rejects.toThrow();
    await expect(store.get(hash)).rejects.toThrow();
  });
});
