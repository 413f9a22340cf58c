/** The shape of a request as pino-http's standard serializer gives it. */
interface SerializedRequest {
  url?: string;
  query?: unknown;
  [key: string]: unknown;
}

const CALLBACK_PATH = /^\/api\/v1\/oauth\/[^/?]+\/callback(?:\?|$)/;

/**
 * The OAuth callback's query holds the authorisation code and the state: logged, anyone who
 * reads the logs within the code's lifetime could race the member to the exchange. Its
 * requests are logged with the path only.
 */
export function withoutOAuthCallbackQuery(req: SerializedRequest): SerializedRequest {
  if (typeof req.url !== 'string' || !CALLBACK_PATH.test(req.url)) return req;
  return { ...req, url: req.url.split('?')[0], query: {} };
}
