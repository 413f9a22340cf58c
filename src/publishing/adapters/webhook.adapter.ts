import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SIGNATURE_HEADER, signBody } from '../domain/signature';
import type { AdapterResult, ChannelAdapter, PublishRequest } from './channel-adapter';

/** Enough of a response body to find an `id`; the rest is not read into memory. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** How an HTTP status is read: 2xx done; 408, 425, 429 and 5xx worth another try; other answers final. */
export function classifyStatus(status: number): 'success' | 'retryable_failure' | 'permanent_failure' {
  if (status >= 200 && status < 300) return 'success';
  if (status >= 500 || status === 408 || status === 425 || status === 429) return 'retryable_failure';
  return 'permanent_failure';
}

/** The receiver's id for the post, from a JSON body `{ "id": ... }`, if it sent one. */
export function externalIdFrom(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'id' in parsed) {
      const id = (parsed as { id: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') return String(id).slice(0, 500);
    }
  } catch {
    // Not JSON: a receiver need not send an id.
  }
  return null;
}

/** The exact bytes that are signed and sent; the field order is fixed for receivers that log them. */
export function webhookPayload(request: PublishRequest): Buffer {
  return Buffer.from(
    JSON.stringify({
      postId: request.postId,
      revision: request.revision,
      channel: request.channel,
      body: request.body,
      links: request.links,
      media: request.media,
      scheduledAt: request.scheduledAt,
      idempotencyKey: request.idempotencyKey,
    }),
    'utf8',
  );
}

/**
 * POSTs the post as signed JSON to an existing publishing stack. Node's http client with
 * keep-alive agents: no per-request connection setup, which matters when thousands of posts
 * are due in the same minute. The outcome separates "not sent" (safe to retry) from "sent,
 * no answer" (`unknown`), using whether the request body had been handed to the socket.
 */
@Injectable()
export class WebhookAdapter implements ChannelAdapter, OnModuleDestroy {
  readonly kind = 'webhook';
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const maxSockets = Math.max(16, config.WORKER_CONCURRENCY * 2);
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  publish(request: PublishRequest): Promise<AdapterResult> {
    const { url, secret } = request.target;
    if (!url || !secret) return Promise.resolve({ outcome: 'permanent_failure', error: 'webhook target has no url or secret' });
    const target = new URL(url);
    const payload = webhookPayload(request);
    const client = target.protocol === 'https:' ? https : http;
    return new Promise<AdapterResult>((resolve) => {
      let sent = false;
      let settled = false;
      const settle = (result: AdapterResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const lost = (error: string): AdapterResult => (sent ? { outcome: 'unknown', error } : { outcome: 'retryable_failure', error });
      const req = client.request(target, {
        method: 'POST',
        agent: target.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
          'User-Agent': 'Preclear-Publisher/1',
          'Idempotency-Key': request.idempotencyKey,
          [SIGNATURE_HEADER]: signBody(payload, secret),
        },
      });
      const timer = setTimeout(() => {
        settle(lost(`no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`));
        req.destroy();
      }, this.config.WEBHOOK_TIMEOUT_MS);
      req.on('finish', () => {
        sent = true;
      });
      req.on('error', (error) => settle(lost(error.message)));
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('error', (error) => settle(lost(error.message)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const kind = classifyStatus(status);
          if (kind === 'success') settle({ outcome: 'success', externalId: externalIdFrom(text), httpStatus: status });
          else settle({ outcome: kind, error: `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`, httpStatus: status });
        });
      });
      req.end(payload);
    });
  }
}
