import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Post = Schemas['PostDto'];
export type CalendarEntry = Schemas['CalendarEntryDto'];
export type WorkflowPost = Schemas['WorkflowPostDto'];
export type Evaluation = Schemas['EvaluationDto'];
export type Finding = Schemas['FindingDto'];
export type Session = Schemas['SessionDto'];
export type Redline = Schemas['RedlineDto'];

/** The error body every route answers with. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  /** For 400s, one entry per bad field. */
  details?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? `HTTP ${status}`);
  }

  /** Messages per field, for showing errors beside the fields. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.body.details)) return out;
    for (const d of this.body.details as { field?: string; message?: string; messages?: string[] }[]) {
      if (d.field) out[d.field] = d.message ?? d.messages?.join('; ') ?? this.body.message;
    }
    return out;
  }
}

let csrfToken: string | null = null;

/** The session route hands out the CSRF token; every unsafe request echoes it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    // Messages (findings, errors) come back in the language chosen in the app, not the browser's.
    request.headers.set('Accept-Language', document.documentElement.lang || 'en');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

export type Media = Schemas['MediaDto'];

/** Uploads one file (multipart, part `file`); the typed client does not build multipart bodies. */
export async function uploadMedia(workspaceId: string, file: File): Promise<Media> {
  const body = new FormData();
  body.append('file', file);
  const headers: Record<string, string> = { 'Accept-Language': document.documentElement.lang || 'en' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(`/api/v1/workspaces/${encodeURIComponent(workspaceId)}/media`, {
    method: 'POST',
    body,
    headers,
    credentials: 'same-origin',
  });
  const json = (await response
    .json()
    .catch(() => ({ statusCode: response.status, code: 'HTTP', message: response.statusText }))) as unknown;
  if (!response.ok) throw new ApiError(response.status, json as ApiErrorBody);
  return json as Media;
}

/** Where the web app shows an upload (the session cookie authorises it). */
export function mediaContentUrl(workspaceId: string, mediaId: string): string {
  return `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/media/${mediaId}/content`;
}

/** Unwraps an openapi-fetch result: the data, or an ApiError. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (error !== undefined || !response.ok) {
    throw new ApiError(
      response.status,
      (error ?? { statusCode: response.status, code: 'HTTP', message: response.statusText }) as ApiErrorBody,
    );
  }
  return data as T;
}
