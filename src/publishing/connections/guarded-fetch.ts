import type { DestinationGuard } from '../../common/net/destination-guard';

/** The network could not be reached or answered with a server error: worth trying again later. */
export class NetworkUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(`network unavailable: ${detail}`);
    this.name = 'NetworkUnavailableError';
  }
}

/**
 * `fetch` through the SSRF guard: the configured endpoints pass the same address policy as
 * webhooks (WEBHOOK_ALLOWED_HOSTS opens internal proxies), and a call that hangs is cut off.
 * The endpoints come from the operator's configuration, not from members, so the name is
 * checked right before the call rather than pinned to the checked address.
 */
export function guardedFetch(guard: DestinationGuard, timeoutMs: number): typeof fetch {
  return async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const destination = await guard.destinationForSend(url);
    if (destination.kind === 'refused') {
      throw new NetworkUnavailableError(`destination ${url.host} refused (${destination.reason})`);
    }
    if (destination.kind === 'unresolved') throw new NetworkUnavailableError(`${url.host} did not resolve`);
    try {
      return await fetch(input, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new NetworkUnavailableError(`${url.host}: ${(error as Error).name}`);
    }
  };
}

/** GETs JSON with a bearer token (or none); a 5xx or an unreachable network is NetworkUnavailableError. */
export async function getJson(
  fetcher: typeof fetch,
  url: string,
  accessToken: string | null,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetcher(url, {
    headers: {
      Accept: 'application/json',
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
      ...headers,
    },
  });
  if (res.status >= 500) throw new NetworkUnavailableError(`${new URL(url).host} answered ${res.status}`);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}
