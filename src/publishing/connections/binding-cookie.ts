import type { IncomingHttpHeaders } from 'node:http';

/**
 * Binds an OAuth flow to the browser that started it. SameSite=Lax (not Strict like the
 * session cookie): the network's redirect back is a cross-site top-level navigation, on which
 * browsers send Lax cookies but not Strict ones.
 */
export const BINDING_COOKIE = 'preclear_oauth';
const MAX_AGE_SECONDS = 600;

export function readBindingCookie(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === BINDING_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function bindingCookieHeader(value: string, secure: boolean): string {
  const parts = [
    `${BINDING_COOKIE}=${value}`,
    'Path=/api/v1',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${MAX_AGE_SECONDS}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}
