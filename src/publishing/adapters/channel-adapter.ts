import type { MediaItem } from '../../calendar/domain/post-vocabulary';

export const ADAPTER_KINDS = ['webhook', 'log'] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** Where and how one brand publishes on one channel, with its secret decrypted for the call. */
export interface ResolvedTarget {
  id: string;
  name: string;
  adapter: AdapterKind;
  url: string | null;
  secret: string | null;
}

/** One channel's share of a post: the approved text, exactly as approved. */
export interface PublishRequest {
  postId: string;
  revision: number;
  channel: string;
  body: string;
  links: string[];
  media: MediaItem[];
  scheduledAt: string | null;
  idempotencyKey: string;
  target: ResolvedTarget;
}

/**
 * What a channel answered. `unknown` is the honest answer to a timeout after the request
 * was sent: the post may be live; it is retried only with the same idempotency key.
 */
export type AdapterResult =
  | { outcome: 'success'; externalId: string | null; httpStatus?: number }
  | { outcome: 'permanent_failure'; error: string; httpStatus?: number }
  | { outcome: 'retryable_failure'; error: string; httpStatus?: number }
  | { outcome: 'unknown'; error: string; httpStatus?: number };

export type AdapterOutcome = AdapterResult['outcome'];

/**
 * A way to put a post on a channel. Adapters talk to the outside world and report; they never
 * touch a post's state (the publish job records and rolls up what they answer).
 */
export interface ChannelAdapter {
  readonly kind: AdapterKind;
  publish(request: PublishRequest): Promise<AdapterResult>;
}
