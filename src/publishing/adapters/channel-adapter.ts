import type { MediaItem } from '../../calendar/domain/post-vocabulary';

/**
 * Social networks Preclear publishes to through their own APIs, with an account connected by
 * OAuth or a pasted token. The schema already accepts them (migration NetworkChannels); each
 * joins ADAPTER_KINDS when its adapter is registered in ChannelAdapters.
 */
export const NETWORK_ADAPTER_KINDS = ['linkedin', 'facebook', 'instagram', 'x'] as const;
export type NetworkAdapterKind = (typeof NETWORK_ADAPTER_KINDS)[number];

export const ADAPTER_KINDS = ['webhook', 'log', ...NETWORK_ADAPTER_KINDS] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** Where and how one brand publishes on one channel, with its secret decrypted for the call. */
export interface ResolvedTarget {
  id: string;
  name: string;
  adapter: AdapterKind;
  url: string | null;
  /** Webhook: the signing key. Network kinds: the current access token. */
  secret: string | null;
  /**
   * Network kinds: the account published as (LinkedIn organisation
   * URN, Facebook page id, Instagram user id, X user id).
   */
  accountId: string | null;
  /** Network kinds: whether the account's token still works, as last seen. */
  connection?: { status: 'connected' | 'needs_reconnect'; reason: string | null };
}

export function isNetworkAdapter(kind: AdapterKind): kind is NetworkAdapterKind {
  return (NETWORK_ADAPTER_KINDS as readonly string[]).includes(kind);
}

/** One image or video of the approved post, as an adapter needs it. */
export interface PublishMedia {
  sha256: string;
  kind: 'image' | 'video';
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  altText: string;
  /** The bytes, read from the media store. */
  read(): Promise<Buffer>;
  /** A short-lived signed URL under PUBLIC_URL, for networks that fetch media themselves (Instagram). */
  publicUrl(ttlSeconds?: number): string;
}

/** One channel's share of a post: the approved text, exactly as approved. */
export interface PublishRequest {
  postId: string;
  revision: number;
  channel: string;
  body: string;
  links: string[];
  media: MediaItem[];
  /** The uploaded images and videos among `media`, in order, with their bytes and signed URLs. */
  attachments: PublishMedia[];
  scheduledAt: string | null;
  idempotencyKey: string;
  target: ResolvedTarget;
  /**
   * Network kinds: where an earlier call of this publication got to before its outcome became
   * unknown (Instagram: the media container's id), and how an adapter records such a step.
   */
  resumeFrom?: string | null;
  onProgress?: (checkpoint: string) => Promise<void>;
}

/**
 * What a channel answered. `unknown` is the honest answer to a timeout after the request
 * was sent: the post may be live; it is retried only with the same idempotency key.
 * `error` is a short code or status line that any member may see; `responseExcerpt` is the
 * start of what the target answered, which can hold anything and is shown to publishers and
 * admins only.
 */
export type AdapterResult =
  | { outcome: 'success'; externalId: string | null; httpStatus?: number; permalink?: string | null }
  | {
      outcome: 'permanent_failure' | 'retryable_failure' | 'unknown' | 'reconnect_needed';
      error: string;
      httpStatus?: number;
      responseExcerpt?: string;
      /** A rate limit: when the network says the account may post again. */
      retryAt?: Date;
    };

export type AdapterOutcome = AdapterResult['outcome'];

/**
 * A way to put a post on a channel. Adapters talk to the outside world and report; they never
 * touch a post's state (the publish job records and rolls up what they answer).
 */
export interface ChannelAdapter {
  readonly kind: AdapterKind;
  publish(request: PublishRequest): Promise<AdapterResult>;
}

/** What a network shows for a post: its own copy, read back after publishing or found by a search. */
export interface LivePost {
  externalId: string;
  permalink: string | null;
  text: string;
  /** Links as the network shows them, expanded where the API gives the expanded form (t.co, lnkd.in). */
  links: string[];
  mediaCount: number;
  /** The network's own answer, archived as the proof of what appeared. */
  raw: unknown;
}

/** `found` / `absent` are answers; `unavailable` means the network could not be asked (then nothing is retried). */
export type FindResult =
  | { kind: 'found'; post: LivePost }
  | { kind: 'absent'; searched: number }
  | { kind: 'unavailable'; error: string };

/**
 * A social network: it takes no idempotency key, so a create that timed out is looked for
 * (`findExisting`) before any retry, and every success is read back (`readBack`) as proof.
 */
export interface NetworkAdapter extends ChannelAdapter {
  /** The text the adapter sends for this request: what the live post must show. */
  approvedText(request: PublishRequest): string;
  findExisting(request: PublishRequest): Promise<FindResult>;
  readBack(request: PublishRequest, externalId: string): Promise<LivePost | null>;
}
