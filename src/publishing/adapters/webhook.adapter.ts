import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import { DestinationGuard } from '../../common/net/destination-guard';
import { pinnedLookup } from '../../common/net/pinned-lookup';
import type { ResolvedAddress } from '../../common/net/host-resolver';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SIGNATURE_HEADER, signatureHeader } from '../domain/signature';
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

/**
 * The uploaded media as the receiver gets them: metadata and a short-lived signed URL to fetch
 * the bytes from (a JSON body with megabytes of base64 would strain every receiver).
 */
function attachmentsOf(request: PublishRequest): Record<string, unknown>[] {
  return request.attachments.map((a) => ({
    sha256: a.sha256,
    kind: a.kind,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    width: a.width,
    height: a.height,
    altText: a.altText,
    url: a.publicUrl(),
  }));
}

/**
 * The exact bytes that are signed and sent; the field order is
 * fixed for receivers that log them (`attachments` came last).
 */
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
      // Only with uploaded media: a post without them is sent exactly as before uploads existed.
      ...(request.attachments.length > 0 ? { attachments: attachmentsOf(request) } : {}),
    }),
    'utf8',
  );
}

/** What a failed call says to every member: a code, never the address, port or system error text. */
export const WEBHOOK_ERRORS = {
  refused: 'destination_refused',
  unresolved: 'dns_failed',
  connectionFailed: 'connection_failed',
  connectionLost: 'connection_lost',
  notConfigured: 'webhook target has no url or secret',
} as const;

/** The start of a target's answer kept for publishers and admins; enough to read an error message. */
const RESPONSE_EXCERPT_CHARS = 200;

/**
 * POSTs the post as signed JSON to an existing publishing stack. Node's http client with
 * keep-alive agents: no per-request connection setup, which matters when thousands of posts
 * are due in the same minute. The outcome separates "not sent" (safe to retry) from "sent,
 * no answer" (`unknown`), using whether the request body had been handed to the socket.
 *
 * The destination guard resolves the host and checks every address right before the call;
 * the socket then connects to the checked address (the request's own `lookup` answers with
 * it), so DNS cannot switch it to an internal one in between. Redirects are not followed.
 */
@Injectable()
export class WebhookAdapter implements ChannelAdapter, OnModuleDestroy {
  readonly kind = 'webhook';
  private readonly logger = new Logger('WebhookChannel');
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly guard: DestinationGuard,
  ) {
    const maxSockets = Math.max(16, config.WORKER_CONCURRENCY * 2);
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async publish(request: PublishRequest): Promise<AdapterResult> {
    const { url, secret } = request.target;
    if (!url || !secret) return { outcome: 'permanent_failure', error: WEBHOOK_ERRORS.notConfigured };
    const target = new URL(url);
    const destination = await this.guard.destinationForSend(target);
    if (destination.kind === 'unresolved') return { outcome: 'retryable_failure', error: WEBHOOK_ERRORS.unresolved };
    if (destination.kind === 'refused') {
      this.logger.warn({ targetId: request.target.id, reason: destination.reason }, 'webhook destination refused');
      return { outcome: 'permanent_failure', error: WEBHOOK_ERRORS.refused };
    }
    const payload = webhookPayload(request);
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': payload.length,
      'User-Agent': 'Preclear-Publisher/1',
      'Idempotency-Key': request.idempotencyKey,
      [SIGNATURE_HEADER]: signatureHeader(payload, secret, Date.now() / 1000),
    };
    return this.send(target, destination.address, headers, payload, request.target.id);
  }

  private send(
    target: URL,
    address: ResolvedAddress,
    headers: http.OutgoingHttpHeaders,
    payload: Buffer,
    targetId: string,
  ): Promise<AdapterResult> {
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
      const lost = (error: string): AdapterResult =>
        sent ? { outcome: 'unknown', error } : { outcome: 'retryable_failure', error };
      const networkError = (error: NodeJS.ErrnoException): void => {
        // The system text names address and port; it goes to the operator's log only.
        this.logger.warn({ targetId, code: error.code, sent }, 'webhook call failed');
        settle(lost(sent ? WEBHOOK_ERRORS.connectionLost : WEBHOOK_ERRORS.connectionFailed));
      };
      const req = client.request(target, {
        method: 'POST',
        agent: target.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
        headers,
        lookup: pinnedLookup(address),
      });
      const timer = setTimeout(() => {
        settle(lost(`no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`));
        req.destroy();
      }, this.config.WEBHOOK_TIMEOUT_MS);
      req.on('finish', () => {
        sent = true;
      });
      req.on('error', networkError);
      req.on('response', (res) => readAnswer(res, settle, networkError));
      req.end(payload);
    });
  }
}

/** Reads at most MAX_RESPONSE_BYTES of the answer and turns it into the call's result. */
function readAnswer(
  res: http.IncomingMessage,
  settle: (result: AdapterResult) => void,
  networkError: (error: NodeJS.ErrnoException) => void,
): void {
  const status = res.statusCode ?? 0;
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
    size += chunk.length;
  });
  res.on('error', networkError);
  res.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const kind = classifyStatus(status);
    if (kind === 'success') settle({ outcome: 'success', externalId: externalIdFrom(text), httpStatus: status });
    else {
      settle({
        outcome: kind,
        error: `HTTP ${status}`,
        httpStatus: status,
        ...(text ? { responseExcerpt: text.slice(0, RESPONSE_EXCERPT_CHARS) } : {}),
      });
    }
  });
}
