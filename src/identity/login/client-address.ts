import type { Request } from 'express';

/**
 * The client's address for login limits: the socket's peer, or the forwarded client when
 * TRUST_PROXY names the proxy in front (Express resolves it into `req.ip`).
 */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
