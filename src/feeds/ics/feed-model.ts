/**
 * The plain data the iCalendar renderer works from. The feed service maps posts and review
 * stages to these shapes; nothing here knows about Nest, TypeORM or the workflow.
 */

/** The only VEVENT STATUS values a feed emits (RFC 5545 §3.8.1.11 minus CANCELLED, see feed-status.ts). */
export type FeedEventStatus = 'TENTATIVE' | 'CONFIRMED';

export interface FeedEvent {
  /**
   * Deterministic, e.g. `post-<id>@<domain>` or
   * `stage-<postId>-<stage>@<domain>`; random UIDs make clients duplicate events.
   */
  uid: string;
  /** Raised on every change to time, status or title, never lowered (RFC 5545 §3.8.7.4). */
  sequence: number;
  /** The UTC instant the event starts. */
  start: Date;
  /** IANA zone the event is shown in, e.g. `Europe/Berlin`. */
  timezone: string;
  durationMinutes: number;
  /** Already carries the workflow state prefix, e.g. `[In review] Spring savings DE`. */
  summary: string;
  description: string;
  categories: string[];
  status: FeedEventStatus;
  /** Link back to the post in Preclear; only http(s) URLs are emitted. */
  url?: string;
  /** Source of DTSTAMP and LAST-MODIFIED, so the same data gives the same bytes (and ETag). */
  lastModified: Date;
}

export interface FeedProdId {
  company: string;
  product: string;
  /** Defaults to `EN`. */
  language?: string;
}

export interface FeedModel {
  /** Shown by clients as the calendar's name (NAME and X-WR-CALNAME). */
  name: string;
  description?: string;
  /** Defaults to `-//Preclear//Content Calendar Feeds//EN`. */
  prodId?: FeedProdId;
  /**
   * When the feed's content last changed, including events that left the feed and renames.
   * The newest `event.lastModified` cannot see a removal, so pass this for a correct
   * HTTP Last-Modified; the rendered value is the later of this and every event's.
   */
  lastModified?: Date;
  events: readonly FeedEvent[];
}

/** One rendered feed, ready for an HTTP cache keyed by (feed id, data version). */
export interface RenderedFeed {
  /** The complete iCalendar text: CRLF lines, folded, final CRLF, no BOM. */
  body: string;
  /** `body` encoded as UTF-8 once, so a 200 response need not encode it again. */
  bytes: Buffer;
  /** Strong ETag of `bytes`, already quoted: `"sha256-<base64url>"`. */
  etag: string;
  /** For the Last-Modified header; see FeedModel.lastModified. */
  lastModified: Date;
  eventCount: number;
}

/** Thrown for a model the renderer must not turn into a feed (a programming error upstream, not user input). */
export class FeedModelError extends Error {
  readonly code = 'FEED_MODEL_INVALID';

  constructor(
    message: string,
    readonly details: { uid?: string; field: string },
  ) {
    super(message);
    this.name = 'FeedModelError';
  }
}
