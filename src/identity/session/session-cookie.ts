import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The browser session: a JWT in an httpOnly cookie the page's scripts never see. */
export const SESSION_COOKIE = 'preclear_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The session token from a Cookie header, or undefined. */
export function readSessionCookie(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 ? decodeURIComponent(value) : undefined;
    }
  }
  return undefined;
}

/**
 * The CSRF token of a session: an HMAC of the session token, so it needs no storage, changes
 * with each session and cannot be computed by a page that cannot read the httpOnly cookie.
 * The page receives it from the session route and echoes it in `X-CSRF-Token` (double submit).
 */
export function csrfTokenFor(sessionToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, given: unknown, secret: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 200) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken, secret));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface SessionCookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

/** The Set-Cookie value that opens (or, with an empty token and max age 0, closes) a session. */
export function sessionCookieHeader(token: string, { secure, maxAgeSeconds }: SessionCookieOptions): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
