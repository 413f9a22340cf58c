import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake answered, for assertions. */
export interface S3Request {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  status: number;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (S3 does not encode the path twice, and keeps `/`). */
function encode(value: string, keepSlash: boolean): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(keepSlash ? /%2F/g : /$^/, '/');
}

/**
 * A small S3-compatible object store over real HTTP (path-style `/<bucket>/<key>`): PUT, GET and
 * HEAD of objects, each request's AWS Signature Version 4 checked against the one access key it
 * knows (403 SignatureDoesNotMatch otherwise), `x-amz-content-sha256` and
 * `x-amz-checksum-sha256` checked against the body, 404 NoSuchKey as S3 answers it.
 */
export class FakeS3 {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  readonly requests: S3Request[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly endpoint: string,
    readonly accessKeyId: string,
    readonly secretAccessKey: string,
  ) {}

  static async start(
    accessKeyId = 'AKIAFAKES3TEST',
    secretAccessKey = 'fake-s3-secret-key-for-tests',
  ): Promise<FakeS3> {
    const holder: { fake?: FakeS3 } = {};
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => holder.fake?.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.fake = new FakeS3(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      accessKeyId,
      secretAccessKey,
    );
    return holder.fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const answer = (status: number, headers: Record<string, string | number> = {}, payload?: Buffer | string): void => {
      this.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, status });
      res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : payload);
    };
    const error = (status: number, code: string): void =>
      answer(
        status,
        { 'Content-Type': 'application/xml' },
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
      );
    if (!this.signatureValid(req, url)) return error(403, 'SignatureDoesNotMatch');
    const declared = req.headers['x-amz-content-sha256'];
    if (declared !== 'UNSIGNED-PAYLOAD' && declared !== sha256(body)) return error(400, 'XAmzContentSHA256Mismatch');
    const key = decodeURIComponent(url.pathname);
    if (req.method === 'PUT') {
      const checksum = req.headers['x-amz-checksum-sha256'];
      if (checksum !== undefined && checksum !== createHash('sha256').update(body).digest('base64')) {
        return error(400, 'BadDigest');
      }
      this.objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') });
      return answer(200, { ETag: `"${createHash('md5').update(body).digest('hex')}"` });
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const object = this.objects.get(key);
      if (!object) return req.method === 'HEAD' ? answer(404) : error(404, 'NoSuchKey');
      return answer(200, { 'Content-Type': object.contentType, 'Content-Length': object.body.length }, object.body);
    }
    error(405, 'MethodNotAllowed');
  }

  /** AWS Signature Version 4, header form (docs.aws.amazon.com "Signature Version 4 signing process"). */
  private signatureValid(req: http.IncomingMessage, url: URL): boolean {
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        req.headers.authorization ?? '',
      );
    const amzDate = req.headers['x-amz-date'];
    if (!match || typeof amzDate !== 'string' || match[1] !== this.accessKeyId) return false;
    const [, , day, region, signedHeaders, signature] = match;
    const query = [...url.searchParams.entries()]
      .map(([k, v]) => `${encode(k, false)}=${encode(v, false)}`)
      .sort()
      .join('&');
    const names = signedHeaders.split(';');
    const headers = names
      .map(
        (name) =>
          `${name}:${String(req.headers[name] ?? '')
            .trim()
            .replace(/\s+/g, ' ')}\n`,
      )
      .join('');
    const canonical = [
      req.method,
      url.pathname,
      query,
      headers,
      signedHeaders,
      String(req.headers['x-amz-content-sha256']),
    ].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${this.secretAccessKey}`, day), region), 's3'), 'aws4_request');
    return createHmac('sha256', key).update(toSign).digest('hex') === signature;
  }
}
