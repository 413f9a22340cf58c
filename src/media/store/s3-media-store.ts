import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertObjectName, type MediaStore } from './media-store';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Unset: AWS S3. Set: any S3-compatible store (MinIO, Ceph, Cloudflare R2...). */
  endpoint?: string;
}

/** The object key of a hash; a prefix keeps the bucket shareable with other data. */
export function s3KeyOf(sha256: string): string {
  assertObjectName(sha256);
  return `media/${sha256}`;
}

/** The client as Preclear configures it; exported so its request building can be checked. */
export function createS3Client(options: S3StoreOptions): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    // Path-style (`<endpoint>/<bucket>/<key>`) works with every S3-compatible store; virtual hosts need DNS set-up.
    forcePathStyle: options.endpoint !== undefined,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Only what S3 requires: the newer default checksum headers are refused by some S3-compatible stores.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}

/** Media in an S3 bucket, one object per hash (`media/<sha256>`), with its Content-Type. */
export class S3MediaStore implements MediaStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(sha256: string, bytes: Buffer, mimeType: string): Promise<void> {
    const Key = s3KeyOf(sha256);
    if (await this.has(Key)) return;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key,
        Body: bytes,
        ContentType: mimeType,
        ContentLength: bytes.length,
        // The store checks the bytes it received against the hash that names them.
        ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
      }),
    );
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: s3KeyOf(sha256) }));
      if (!object.Body) return null;
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async has(Key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}
