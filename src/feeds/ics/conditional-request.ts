import { hash } from 'node:crypto';

/** The Content-Type for feed responses (ical-generator README; some clients need the charset). */
export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/**
 * A strong ETag for a feed body: `"sha256-<base64url digest of the UTF-8 bytes>"`, quoted
 * as the header needs it. Same bytes, same ETag, on every instance.
 */
export function etagFor(body: string | Buffer): string {
  return `"sha256-${hash('sha256', body, 'base64url')}"`;
}

export interface ConditionalHeaders {
  /** The raw If-None-Match header, if any. */
  ifNoneMatch?: string;
  /** The raw If-Modified-Since header, if any. */
  ifModifiedSince?: string;
}

export interface FeedValidators {
  etag: string;
  lastModified: Date;
}

/**
 * Whether a GET can be answered 304, by RFC 9110 §13.2.2: If-None-Match decides when
 * present (weak comparison, `*` matches any current body) and If-Modified-Since is then
 * ignored; otherwise If-Modified-Since matches when the body has not changed since that
 * second. An unparsable date never matches: a wrong 304 leaves a client stale for hours,
 * a needless 200 costs one download.
 */
export function isNotModified(headers: ConditionalHeaders, current: FeedValidators): boolean {
  if (headers.ifNoneMatch !== undefined) {
    return ifNoneMatchMatches(headers.ifNoneMatch, current.etag);
  }
  if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    if (Number.isNaN(since)) {
      return false;
    }
    // HTTP dates have whole seconds; compare at that precision.
    return Math.floor(current.lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

function ifNoneMatchMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') {
    return true;
  }
  const opaque = stripWeak(etag);
  return header.split(',').some((candidate) => stripWeak(candidate.trim()) === opaque);
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
