import { Logger } from '@nestjs/common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyPreclearSignature } from '../../../support/webhook-receiver';
import { DestinationGuard } from '../../../../src/common/net/destination-guard';
import type { HostResolver } from '../../../../src/common/net/host-resolver';
import type { AppConfig } from '../../../../src/config/app-config';
import type { PublishRequest } from '../../../../src/publishing/adapters/channel-adapter';
import {
  classifyStatus,
  externalIdFrom,
  WEBHOOK_ERRORS,
  WebhookAdapter,
} from '../../../../src/publishing/adapters/webhook.adapter';

/** Names only this test knows; the system resolver has never heard of them. */
const resolver: HostResolver & { calls: string[] } = {
  calls: [],
  resolve(hostname) {
    this.calls.push(hostname);
    const table: Record<string, string> = { 'hooks.bank.test': '127.0.0.1', 'internal.bank.test': '10.1.2.3' };
    return table[hostname]
      ? Promise.resolve([{ address: table[hostname], family: 4 as const }])
      : Promise.reject(new Error('ENOTFOUND'));
  },
};

function adapterWith(allowedHosts: string): WebhookAdapter {
  const config = { WEBHOOK_TIMEOUT_MS: 300, WORKER_CONCURRENCY: 4, WEBHOOK_ALLOWED_HOSTS: allowedHosts } as AppConfig;
  return new WebhookAdapter(config, new DestinationGuard(config, resolver));
}

describe(WebhookAdapter.name, () => {
  let server: http.Server;
  let port: number;
  let respond: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;
  let adapter: WebhookAdapter;
  const received: { headers: http.IncomingHttpHeaders; body: Buffer }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push({ headers: req.headers, body });
        respond(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    Logger.overrideLogger(false); // the refusals and failures below are logged on purpose
    adapter = adapterWith('127.0.0.1');
  });

  afterAll(async () => {
    adapter.onModuleDestroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const request = (url = `http://127.0.0.1:${port}/hook`): PublishRequest => ({
    postId: 'p1',
    revision: 2,
    channel: 'x',
    body: 'Hello "world"',
    links: ['https://bank.example'],
    media: [],
    attachments: [],
    scheduledAt: '2026-12-01T08:30:00.000Z',
    idempotencyKey: 'p1:2:x',
    target: { id: 't', name: 'hook', adapter: 'webhook', url, secret: 'shh-secret', accountId: null },
  });

  it('sends signed JSON with the idempotency key and reads the external id', async () => {
    respond = (_req, res) => res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"id":"ext-42"}');
    await expect(adapter.publish(request())).resolves.toEqual({
      outcome: 'success',
      externalId: 'ext-42',
      httpStatus: 201,
    });
    const last = received[received.length - 1];
    expect(last.headers['idempotency-key']).toBe('p1:2:x');
    expect(last.headers['x-preclear-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyPreclearSignature(last.body, last.headers['x-preclear-signature'] as string, 'shh-secret')).toBe(true);
    expect(JSON.parse(last.body.toString())).toEqual({
      postId: 'p1',
      revision: 2,
      channel: 'x',
      body: 'Hello "world"',
      links: ['https://bank.example'],
      media: [],
      scheduledAt: '2026-12-01T08:30:00.000Z',
      idempotencyKey: 'p1:2:x',
    });
  });

  it('sends uploaded media as metadata and a signed URL, never the bytes', async () => {
    respond = (_req, res) => res.writeHead(200).end();
    const read = jest.fn(() => Promise.resolve(Buffer.from('bytes')));
    const attachment = {
      sha256: 'a'.repeat(64),
      kind: 'image' as const,
      mimeType: 'image/png',
      sizeBytes: 5,
      width: 2,
      height: 1,
      altText: 'A chart',
      read,
      publicUrl: () => 'https://preclear.example/media/token',
    };
    await adapter.publish({
      ...request(),
      media: [{ kind: 'image', mediaId: 'a'.repeat(64), altText: 'A chart' }],
      attachments: [attachment],
    });
    const sent = JSON.parse(received[received.length - 1].body.toString()) as { attachments: unknown[] };
    expect(sent.attachments).toEqual([
      {
        sha256: 'a'.repeat(64),
        kind: 'image',
        mimeType: 'image/png',
        sizeBytes: 5,
        width: 2,
        height: 1,
        altText: 'A chart',
        url: 'https://preclear.example/media/token',
      },
    ]);
    expect(read).not.toHaveBeenCalled();
  });

  it('reads 4xx as permanent and 5xx as retryable, keeping the answer apart from the error', async () => {
    respond = (_req, res) => res.writeHead(422).end(`bad: ${'x'.repeat(300)}`);
    const rejected = await adapter.publish(request());
    expect(rejected).toMatchObject({ outcome: 'permanent_failure', httpStatus: 422, error: 'HTTP 422' });
    expect(rejected).toHaveProperty('responseExcerpt', `bad: ${'x'.repeat(195)}`);
    respond = (_req, res) => res.writeHead(503).end();
    await expect(adapter.publish(request())).resolves.toEqual({
      outcome: 'retryable_failure',
      httpStatus: 503,
      error: 'HTTP 503',
    });
  });

  it('does not follow a redirect', async () => {
    const elsewhere = http.createServer((_req, res) => res.writeHead(200).end('{"id":"moved"}'));
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    let calls = 0;
    elsewhere.on('request', () => calls++);
    respond = (_req, res) =>
      res.writeHead(302, { Location: `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/` }).end();
    await expect(adapter.publish(request())).resolves.toMatchObject({
      outcome: 'permanent_failure',
      error: 'HTTP 302',
    });
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    expect(calls).toBe(0);
  });

  it('connects to the address the guard resolved and checked, sending the name as Host', async () => {
    const named = adapterWith('hooks.bank.test');
    respond = (_req, res) => res.writeHead(200).end('{"id":"pinned"}');
    await expect(named.publish(request(`http://hooks.bank.test:${port}/hook`))).resolves.toMatchObject({
      outcome: 'success',
      externalId: 'pinned',
    });
    expect(received[received.length - 1].headers.host).toBe(`hooks.bank.test:${port}`);
    expect(resolver.calls).toContain('hooks.bank.test');
    named.onModuleDestroy();
  });

  it('refuses loopback, private and metadata destinations at send time without sending anything', async () => {
    const strict = adapterWith('');
    const before = received.length;
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://hooks.bank.test:${port}/hook`,
      'http://internal.bank.test/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/',
    ]) {
      await expect(strict.publish(request(url))).resolves.toEqual({
        outcome: 'permanent_failure',
        error: WEBHOOK_ERRORS.refused,
      });
    }
    await expect(strict.publish(request(`http://user:pw@hooks.bank.test:${port}/hook`))).resolves.toEqual({
      outcome: 'permanent_failure',
      error: WEBHOOK_ERRORS.refused,
    });
    await expect(strict.publish(request('http://unknown.bank.test/hook'))).resolves.toEqual({
      outcome: 'retryable_failure',
      error: WEBHOOK_ERRORS.unresolved,
    });
    expect(received.length).toBe(before);
    strict.onModuleDestroy();
  });

  it('calls a timeout after sending unknown', async () => {
    respond = () => undefined; // never answers
    await expect(adapter.publish(request())).resolves.toMatchObject({ outcome: 'unknown' });
  });

  it('calls a refused connection retryable: nothing was sent', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // The error says nothing of the port or the system error: no probing through it.
    await expect(adapter.publish(request(`http://127.0.0.1:${deadPort}/hook`))).resolves.toEqual({
      outcome: 'retryable_failure',
      error: WEBHOOK_ERRORS.connectionFailed,
    });
  });

  it('classifies statuses and external ids', () => {
    expect([200, 204, 301, 400, 404, 408, 409, 429, 500, 503].map(classifyStatus)).toEqual([
      'success',
      'success',
      'permanent_failure',
      'permanent_failure',
      'permanent_failure',
      'retryable_failure',
      'permanent_failure',
      'retryable_failure',
      'retryable_failure',
      'retryable_failure',
    ]);
    expect(externalIdFrom('{"id":7}')).toBe('7');
    expect(externalIdFrom('ok')).toBeNull();
    expect(externalIdFrom('{"data":{}}')).toBeNull();
  });
});
