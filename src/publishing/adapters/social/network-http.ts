import { Inject, Injectable, Logger } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import { DestinationGuard } from '../../../common/net/destination-guard';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { pinnedLookup } from '../../../common/net/pinned-lookup';

/** An answer is read up to this size: post lists are far below it, a linked image (X's 5 MB limit) too. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface NetworkRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  /** JSON is serialised; a Buffer goes as is (an image upload); a URLSearchParams as a form. */
  body?: unknown;
}

export interface NetworkResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The raw bytes (a media file). */
  bytes: Buffer;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
}

/**
 * Why a call got no answer. `sent` tells whether the request had left: before, nothing can
 * have happened on the network (safe to retry); after, the outcome is unknown.
 */
export class NetworkCallError extends Error {
  constructor(
    readonly code: 'destination_refused' | 'dns_failed' | 'connection_failed' | 'connection_lost' | 'timeout',
    readonly sent: boolean,
  ) {
    super(code);
  }
}

/**
 * Calls to the social networks' APIs, through the same guard as webhooks: the host is
 * resolved and checked right before each call and the socket connects to the checked address.
 * A corporate proxy or a test fake pointed at by LINKEDIN_API_URL etc. must be allowed in
 * WEBHOOK_ALLOWED_HOSTS when it is not a public address.
 */
@Injectable()
export class NetworkHttp {
  private readonly logger = new Logger('SocialNetworkHttp');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly guard: DestinationGuard,
  ) {}

  async call(request: NetworkRequest): Promise<NetworkResponse> {
    const destination = await this.guard.destinationForSend(request.url);
    if (destination.kind === 'unresolved') throw new NetworkCallError('dns_failed', false);
    if (destination.kind === 'refused') {
      this.logger.warn({ host: request.url.host, reason: destination.reason }, 'social network destination refused');
      throw new NetworkCallError('destination_refused', false);
    }
    const { payload, contentType } = encodeBody(request.body);
    const headers: Record<string, string | number> = {
      'User-Agent': 'Preclear-Publisher/1',
      Accept: 'application/json',
      ...request.headers,
    };
    if (payload) {
      headers['Content-Length'] = payload.length;
      if (contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = contentType;
      }
    }
    const client = request.url.protocol === 'https:' ? https : http;
    return new Promise<NetworkResponse>((resolve, reject) => {
      let sent = false;
      const req = client.request(request.url, {
        method: request.method,
        headers,
        lookup: pinnedLookup(destination.address),
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new NetworkCallError('timeout', sent));
      }, this.config.SOCIAL_API_TIMEOUT_MS);
      const fail = (error: NodeJS.ErrnoException): void => {
        clearTimeout(timer);
        this.logger.warn({ host: request.url.host, code: error.code, sent }, 'social network call failed');
        reject(new NetworkCallError(sent ? 'connection_lost' : 'connection_failed', sent));
      };
      req.on('finish', () => {
        sent = true;
      });
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, bytes, json: parseJson(text) });
        });
      });
      req.end(payload ?? undefined);
    });
  }
}

function encodeBody(body: unknown): { payload: Buffer | null; contentType: string | null } {
  if (body === undefined) return { payload: null, contentType: null };
  if (Buffer.isBuffer(body)) return { payload: body, contentType: 'application/octet-stream' };
  if (body instanceof URLSearchParams) {
    return { payload: Buffer.from(body.toString(), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
  }
  return { payload: Buffer.from(JSON.stringify(body), 'utf8'), contentType: 'application/json' };
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A base URL from configuration joined with an API path, keeping any path prefix of the base (a proxy's). */
export function apiUrl(base: string, path: string, query: Record<string, string> = {}): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
}
