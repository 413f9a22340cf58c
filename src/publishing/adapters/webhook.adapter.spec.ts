import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../config/app-config';
import { verifySignature } from '../domain/signature';
import type { PublishRequest } from './channel-adapter';
import { classifyStatus, externalIdFrom, WebhookAdapter } from './webhook.adapter';

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
    adapter = new WebhookAdapter({ WEBHOOK_TIMEOUT_MS: 300, WORKER_CONCURRENCY: 4 } as AppConfig);
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
    scheduledAt: '2026-12-01T08:30:00.000Z',
    idempotencyKey: 'p1:2:x',
    target: { id: 't', name: 'hook', adapter: 'webhook', url, secret: 'shh-secret' },
  });

  it('sends signed JSON with the idempotency key and reads the external id', async () => {
    respond = (_req, res) => res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"id":"ext-42"}');
    await expect(adapter.publish(request())).resolves.toEqual({ outcome: 'success', externalId: 'ext-42', httpStatus: 201 });
    const last = received[received.length - 1];
    expect(last.headers['idempotency-key']).toBe('p1:2:x');
    expect(verifySignature(last.body, 'shh-secret', last.headers['x-preclear-signature'] as string)).toBe(true);
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

  it('reads 4xx as permanent and 5xx as retryable', async () => {
    respond = (_req, res) => res.writeHead(422).end('bad');
    await expect(adapter.publish(request())).resolves.toMatchObject({ outcome: 'permanent_failure', httpStatus: 422 });
    respond = (_req, res) => res.writeHead(503).end();
    await expect(adapter.publish(request())).resolves.toMatchObject({ outcome: 'retryable_failure', httpStatus: 503 });
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
    await expect(adapter.publish(request(`http://127.0.0.1:${deadPort}/hook`))).resolves.toMatchObject({ outcome: 'retryable_failure' });
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
