import type { IncomingHttpHeaders } from 'node:http';
import type { AdapterResult } from '../channel-adapter';
import { NetworkCallError } from './network-http';

export type FailedResult = Exclude<AdapterResult, { outcome: 'success' }>;

/** The start of a network's answer kept for publishers and admins. */
const EXCERPT_CHARS = 200;
/** Graph API throttling without a usage header: Meta's windows are an hour; try again in a quarter of it. */
const GRAPH_THROTTLE_DEFAULT_MS = 15 * 60_000;
/** Graph code 368 ("temporarily blocked for policies violations"): blocks last hours; look again in one. */
const GRAPH_BLOCK_MS = 60 * 60_000;
/** A 429 that names no reset: LinkedIn's limits are per day (reset at midnight UTC), X's per 15 minutes. */
const X_WINDOW_MS = 15 * 60_000;

function failed(
  outcome: FailedResult['outcome'],
  error: string,
  status: number,
  text: string,
  retryAt?: Date,
): FailedResult {
  return {
    outcome,
    error,
    httpStatus: status,
    ...(text ? { responseExcerpt: text.slice(0, EXCERPT_CHARS) } : {}),
    ...(retryAt ? { retryAt } : {}),
  };
}

/** A call that got no answer: before sending nothing happened; after, the post may exist. */
export function lostCall(error: unknown): FailedResult {
  if (error instanceof NetworkCallError) {
    if (error.code === 'destination_refused') return { outcome: 'permanent_failure', error: error.code };
    return { outcome: error.sent ? 'unknown' : 'retryable_failure', error: error.code };
  }
  // Anything else thrown mid-call (a library's own error) may have followed a send.
  return { outcome: 'unknown', error: 'call_failed' };
}

interface GraphError {
  code?: number;
  error_subcode?: number;
  message?: string;
  type?: string;
}

/** Retry-after from Meta's usage headers (`estimated_time_to_regain_access`, in minutes). */
function graphRegainAt(headers: IncomingHttpHeaders, now: Date): Date {
  const raw = headers['x-business-use-case-usage'] ?? headers['x-app-usage'];
  let minutes = 0;
  if (typeof raw === 'string') {
    for (const match of raw.matchAll(/"estimated_time_to_regain_access"\s*:\s*(\d+)/g)) {
      minutes = Math.max(minutes, Number(match[1]));
    }
  }
  return new Date(now.getTime() + (minutes > 0 ? minutes * 60_000 : GRAPH_THROTTLE_DEFAULT_MS));
}

/**
 * Graph API errors (Facebook and Instagram), by the `error.code` Meta documents: 1 and 2
 * transient; 4, 17, 32, 613 and 341 throttling; 190 (and 102) an access token that no longer
 * works, 10 and 200-299 a permission taken away: both need a publisher to reconnect; 368 a
 * temporary block; 506 a duplicate post.
 */
export function graphFailure(
  status: number,
  headers: IncomingHttpHeaders,
  body: unknown,
  text: string,
  now: Date,
): FailedResult {
  const error = (body as { error?: GraphError } | null)?.error ?? {};
  const code = error.code ?? 0;
  const label = `graph_${code || status}${error.error_subcode ? `_${error.error_subcode}` : ''}`;
  const reason = `${label}: ${(error.message ?? `HTTP ${status}`).slice(0, 300)}`;
  if (code === 190 || code === 102 || code === 10 || (code >= 200 && code <= 299)) {
    return failed('reconnect_needed', reason, status, text);
  }
  if (code === 1 || code === 2) return failed('retryable_failure', label, status, text);
  if ([4, 17, 32, 613, 341].includes(code)) {
    return failed('retryable_failure', `${label}_throttled`, status, text, graphRegainAt(headers, now));
  }
  if (code === 368) {
    return failed(
      'retryable_failure',
      `${label}_temporarily_blocked`,
      status,
      text,
      new Date(now.getTime() + GRAPH_BLOCK_MS),
    );
  }
  if (code === 506) return failed('permanent_failure', `${label}_duplicate_post`, status, text);
  if (status >= 500) return failed('retryable_failure', label, status, text);
  return failed('permanent_failure', label, status, text);
}

/** Next midnight UTC: when LinkedIn's daily application and member limits reset. */
function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

function retryAfter(headers: IncomingHttpHeaders, now: Date): Date | null {
  const raw = headers['retry-after'];
  if (typeof raw !== 'string') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return new Date(now.getTime() + seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : new Date(date);
}

/**
 * LinkedIn REST errors (`{ status, serviceErrorCode, code, message }`): 401 an expired or
 * revoked token (reconnect); 422 `DUPLICATE_POST`; 429 the daily limit; 5xx transient.
 */
export function linkedInFailure(
  status: number,
  headers: IncomingHttpHeaders,
  body: unknown,
  text: string,
  now: Date,
): FailedResult {
  const error = (body ?? {}) as { code?: string; message?: string; serviceErrorCode?: number };
  const label = `linkedin_${status}${error.code ? `_${error.code}` : ''}`;
  if (status === 401) {
    return failed(
      'reconnect_needed',
      `${label}: ${(error.message ?? 'the access token is no longer valid').slice(0, 300)}`,
      status,
      text,
    );
  }
  if (status === 422 && (error.code === 'DUPLICATE_POST' || /duplicate/i.test(error.message ?? ''))) {
    return failed('permanent_failure', 'linkedin_422_DUPLICATE_POST', status, text);
  }
  if (status === 429) {
    return failed(
      'retryable_failure',
      `${label}_throttled`,
      status,
      text,
      retryAfter(headers, now) ?? nextUtcMidnight(now),
    );
  }
  if (status >= 500) return failed('retryable_failure', label, status, text);
  return failed('permanent_failure', label, status, text);
}

/**
 * X API v2 errors (problem+json `{ title, detail, type, status }`): 401 a token that no longer
 * works (reconnect); 429 with `x-rate-limit-reset` (epoch seconds); 403 with "duplicate
 * content" a duplicate; other 403s are permanent (not permitted).
 */
export function xFailure(
  status: number,
  headers: IncomingHttpHeaders,
  body: unknown,
  text: string,
  now: Date,
): FailedResult {
  const problem = (body ?? {}) as { title?: string; detail?: string };
  const label = `x_${status}`;
  if (status === 401) {
    return failed(
      'reconnect_needed',
      `${label}: ${(problem.detail ?? problem.title ?? 'Unauthorized').slice(0, 300)}`,
      status,
      text,
    );
  }
  if (status === 429) {
    const reset = Number(headers['x-rate-limit-reset']);
    const retryAt =
      Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(now.getTime() + X_WINDOW_MS);
    return failed('retryable_failure', `${label}_throttled`, status, text, retryAt);
  }
  if (status === 403 && /duplicate/i.test(`${problem.detail ?? ''} ${problem.title ?? ''}`)) {
    return failed('permanent_failure', 'x_403_duplicate_content', status, text);
  }
  if (status >= 500) return failed('retryable_failure', label, status, text);
  return failed('permanent_failure', label, status, text);
}
