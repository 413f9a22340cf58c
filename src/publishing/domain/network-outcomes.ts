import type { AdapterResult } from '../adapters/channel-adapter';

/**
 * When the next run is due: the usual backoff, or later when a network named the moment its
 * rate limit resets (running earlier would only be refused again).
 */
export function retryDueAt(now: Date, backoffMs: number, results: readonly { result: AdapterResult }[]): Date {
  let due = now.getTime() + backoffMs;
  for (const { result } of results) {
    if (result.outcome !== 'success' && result.retryAt && result.retryAt.getTime() > due) {
      due = result.retryAt.getTime();
    }
  }
  return new Date(due);
}

/** Why a post is held: the channels whose account needs reconnecting, each with the network's reason. */
export function reconnectHoldReason(
  held: readonly string[],
  standings: readonly { channel: string; error: string | null }[],
): Record<string, unknown> {
  return {
    code: 'reconnect_needed',
    messageKey: 'publishing:reasons.reconnectNeeded',
    channelNames: held.join(', '),
    channels: held.map((channel) => ({ channel, reason: standings.find((s) => s.channel === channel)?.error ?? null })),
  };
}
