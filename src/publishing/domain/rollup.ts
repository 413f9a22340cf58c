/** Where one channel stands after a run. */
/** `reconnect`: the network refused the account's token; nothing more can go out until a publisher reconnects. */
export type ChannelState = 'succeeded' | 'failed' | 'retryable' | 'unknown' | 'reconnect';

export interface ChannelStanding {
  channel: string;
  state: ChannelState;
}

/**
 * The post's outcome from its channels: published when every channel succeeded; another run while a channel
 * may still succeed (it failed retryably, or we do not know whether it went out) and attempts remain; held
 * while a channel needs reconnecting; otherwise failed, naming the channels that did not go out.
 */
export type Rollup =
  | { kind: 'published' }
  | { kind: 'held'; channels: string[] }
  | { kind: 'retry'; channels: string[] }
  | { kind: 'failed'; failed: ChannelStanding[]; succeeded: string[] };

export function rollup(channels: readonly ChannelStanding[], attempt: number, maxAttempts: number): Rollup {
  const succeeded = channels.filter((c) => c.state === 'succeeded').map((c) => c.channel);
  if (succeeded.length === channels.length) return { kind: 'published' };
  // Held, not failed: the post is fine, the connection is not; a reconnect and a release publish it.
  const reconnect = channels.filter((c) => c.state === 'reconnect').map((c) => c.channel);
  if (reconnect.length > 0) return { kind: 'held', channels: reconnect };
  const open = channels.filter((c) => c.state === 'retryable' || c.state === 'unknown').map((c) => c.channel);
  if (open.length > 0 && attempt < maxAttempts) return { kind: 'retry', channels: open };
  return { kind: 'failed', failed: channels.filter((c) => c.state !== 'succeeded'), succeeded };
}
