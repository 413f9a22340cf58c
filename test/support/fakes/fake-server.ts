import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A scripted answer for the next `times` requests a predicate picks, instead of the normal one. */
interface Override {
  match: (req: RecordedRequest) => boolean;
  reply: FakeReply;
  times: number;
}

/** A create that the fake carries out but answers only after `ms` (the client has timed out by then). */
interface Delay {
  match: (req: RecordedRequest) => boolean;
  ms: number;
  times: number;
}

export type Handler = (req: RecordedRequest) => Promise<FakeReply> | FakeReply;

/**
 * A real HTTP server on 127.0.0.1, port 0, for a social network's fake: it records every
 * request (so tests can count creates), and has knobs for scripted errors and for answering
 * late after doing the work.
 */
export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly overrides: Override[] = [];
  private readonly delays: Delay[] = [];
  private server!: http.Server;
  url = '';

  constructor(private readonly handle: Handler) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests that `match` picks get `reply` (nothing is done). */
  failNext(match: (req: RecordedRequest) => boolean, reply: FakeReply, times = 1): void {
    this.overrides.push({ match, reply, times });
  }

  /** The next `times` requests that `match` picks are carried out, then answered after `ms`. */
  delayNext(match: (req: RecordedRequest) => boolean, ms: number, times = 1): void {
    this.delays.push({ match, ms, times });
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
      at: Date.now(),
    };
    this.requests.push(recorded);
    const override = take(this.overrides, recorded);
    let reply: FakeReply;
    try {
      reply = override ? override.reply : await this.handle(recorded);
    } catch (error) {
      reply = { status: 500, body: { error: String(error) } };
    }
    const delay = take(this.delays, recorded);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    if (res.destroyed) return;
    const body =
      reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(body && typeof reply.body !== 'string' ? { 'Content-Type': 'application/json' } : {}),
      ...reply.headers,
    });
    res.end(body);
  }
}

function take<T extends { match: (req: RecordedRequest) => boolean; times: number }>(
  list: T[],
  req: RecordedRequest,
): T | null {
  const index = list.findIndex((o) => o.times > 0 && o.match(req));
  if (index < 0) return null;
  const found = list[index];
  found.times -= 1;
  if (found.times === 0) list.splice(index, 1);
  return found;
}

/** A form body (`application/x-www-form-urlencoded`) as a map. */
export function formOf(req: RecordedRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

export function jsonOf<T>(req: RecordedRequest): T {
  return JSON.parse(req.body.toString('utf8')) as T;
}

/** Fetches what a network would fetch from a URL it was given (an image_url), as the network does. */
export async function fetchBytes(url: string): Promise<Buffer | null> {
  try {
    const res = await fetch(url);
    return res.ok ? Buffer.from(await res.arrayBuffer()) : null;
  } catch {
    return null;
  }
}
