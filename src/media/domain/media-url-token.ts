import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of a signed media URL: which bytes (their SHA-256), of which workspace, until when,
 * and an HMAC-SHA256 over the three. Instagram fetches a post's images and video from a URL it
 * is given, without any credentials; the token lets exactly that file be read, only until it
 * expires, and cannot be altered to name another file, workspace or expiry.
 *
 * Shape: `<sha256 hex>.<workspace uuid>.<expiry unix seconds>.<base64url signature>`, all
 * URL-safe, so it can stand as one path segment.
 */
export interface MediaUrlClaims {
  sha256: string;
  workspaceId: string;
  /** Unix seconds. */
  expiresAt: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECONDS = /^[1-9]\d{0,11}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

function signatureOf(payload: string, key: Buffer): string {
  return createHmac('sha256', key).update(`preclear-media-url.v1|${payload}`).digest('base64url');
}

export function signMediaToken(claims: MediaUrlClaims, key: Buffer): string {
  const payload = `${claims.sha256}.${claims.workspaceId}.${claims.expiresAt}`;
  return `${payload}.${signatureOf(payload, key)}`;
}

/** The claims of a genuine, unexpired token; null for anything else (no reason is given to the caller). */
export function verifyMediaToken(token: string, key: Buffer, nowSeconds: number): MediaUrlClaims | null {
  if (token.length > 200) return null;
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [sha256, workspaceId, expiry, signature] = parts;
  if (!SHA256_HEX.test(sha256) || !UUID.test(workspaceId) || !SECONDS.test(expiry) || !SIGNATURE.test(signature)) {
    return null;
  }
  const expected = Buffer.from(signatureOf(`${sha256}.${workspaceId}.${expiry}`, key));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = Number(expiry);
  if (expiresAt <= nowSeconds) return null;
  return { sha256, workspaceId, expiresAt };
}
