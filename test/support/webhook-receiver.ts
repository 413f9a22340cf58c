import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How far the signed time may be from the receiver's clock: a replay after that is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * What a receiver does with `X-Preclear-Signature: t=<unix>,v1=<hex>` (the README shows the
 * same check): recompute HMAC-SHA256("<t>.<raw body>") with the channel secret, compare in
 * constant time, and refuse a time more than 5 minutes from its own clock. Written apart
 * from the signing code on purpose: it is the receiver's side of the contract.
 */
export function verifyPreclearSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
  now = new Date(),
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const [, t, v1] = match;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  /** Date.now() when the whole body had arrived. */
  receivedAt: number;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: {
    postId: string;
    revision: number;
    channel: string;
    body: string;
    links: string[];
    media: unknown[];
    scheduledAt: string | null;
    idempotencyKey: string;
    attachments: {
      sha256: string;
      kind: string;
      mimeType: string;
      sizeBytes: number;
      width: number | null;
      height: number | null;
      altText: string;
      url: string;
    }[];
  };
  idempotencyKey: string;
  signatureValid: boolean;
}

/** How to answer one request: a status, an optional JSON body, an optional delay before answering. */
export interface ScriptedResponse {
  status: number;
  body?: unknown;
  delayMs?: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook adapter: records every request, checks
 * its signature with the channel secret, and answers from a script (e.g. 500, 500, then the
 * default 200 with an id) or from a function of the request.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly script: ScriptedResponse[] = [];
  private responder: ((request: ReceivedRequest) => ScriptedResponse) | undefined;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private served = 0;
  private readonly delayed = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: http.Server,
    readonly secret: string,
  ) {}

  static async start(secret = 'receiver-secret-0123456789'): Promise<WebhookReceiver> {
    const server = http.createServer();
    // Many workers post at once in the load tests and the benchmark.
    server.maxConnections = 10_000;
    server.keepAliveTimeout = 30_000;
    const receiver = new WebhookReceiver(server, secret);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => receiver.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Answers the next requests with these, in order; after them the default 200 again. */
  answer(...responses: ScriptedResponse[]): void {
    this.script.push(...responses);
  }

  /** Answers every request with a function of it (wins over the script). */
  respondWith(responder: ((request: ReceivedRequest) => ScriptedResponse) | undefined): void {
    this.responder = responder;
  }

  /** Forgets what was received (between benchmark rounds). */
  clear(): void {
    this.requests.length = 0;
  }

  /** Requests per idempotency key. */
  byKey(): Map<string, ReceivedRequest[]> {
    const map = new Map<string, ReceivedRequest[]>();
    for (const r of this.requests) map.set(r.idempotencyKey, [...(map.get(r.idempotencyKey) ?? []), r]);
    return map;
  }

  forPost(postId: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.body.postId === postId);
  }

  /** Resolves when `check` holds (checked on every request), or rejects after `timeoutMs`. */
  waitUntil(check: () => boolean, timeoutMs: number, what = 'the expected requests'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received ${this.requests.length} request(s)`),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ check, resolve: done });
    });
  }

  async close(): Promise<void> {
    this.delayed.forEach((timer) => clearTimeout(timer));
    this.delayed.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signature = req.headers['x-preclear-signature'];
      const received: ReceivedRequest = {
        receivedAt: Date.now(),
        headers: req.headers,
        raw,
        body: JSON.parse(raw.toString('utf8')) as ReceivedRequest['body'],
        idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
        signatureValid: verifyPreclearSignature(
          raw,
          typeof signature === 'string' ? signature : undefined,
          this.secret,
        ),
      };
      this.requests.push(received);
      this.served++;
      const response = this.responder?.(received) ??
        this.script.shift() ?? { status: 200, body: { id: `ext-${this.served}` } };
      const send = (): void => {
        if (res.destroyed) return;
        res
          .writeHead(response.status, { 'Content-Type': 'application/json' })
          .end(response.body === undefined ? '' : JSON.stringify(response.body));
      };
      if (response.delayMs) {
        const timer = setTimeout(() => {
          this.delayed.delete(timer);
          send();
        }, response.delayMs);
        this.delayed.add(timer);
      } else {
        send();
      }
      this.waiters = this.waiters.filter((w) => {
        if (!w.check()) return true;
        w.resolve();
        return false;
      });
    });
  }
}
