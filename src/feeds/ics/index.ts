/**
 * iCalendar rendering for calendar feeds: pure functions and classes, no Nest or TypeORM.
 *
 * Intended use by the feed service and controller:
 *   1. Map posts and review stages to FeedEvents (`statusFor` decides STATUS or omission).
 *   2. `renderer.render(model)` with one long-lived FeedRenderer (its block cache is shared
 *      by every feed), and cache the RenderedFeed under (feed id, data version).
 *   3. Per request: `isNotModified({ ifNoneMatch, ifModifiedSince }, cached)` -> 304;
 *      otherwise send `cached.bytes` with Content-Type ICS_CONTENT_TYPE, ETag `cached.etag`
 *      and Last-Modified `cached.lastModified.toUTCString()`.
 */
export {
  ICS_CONTENT_TYPE,
  etagFor,
  isNotModified,
  type ConditionalHeaders,
  type FeedValidators,
} from './conditional-request';
export {
  EventBlockCache,
  type CachedEventBlock,
  type EventBlockCacheOptions,
  type EventBlockCacheStats,
} from './event-block-cache';
export {
  FeedModelError,
  type FeedEvent,
  type FeedEventStatus,
  type FeedModel,
  type FeedProdId,
  type RenderedFeed,
} from './feed-model';
export {
  FEED_TTL_SECONDS,
  FeedRenderer,
  eventBlockKey,
  renderFeed,
  renderFeedWithIcalGenerator,
  type FeedRendererOptions,
} from './feed-renderer';
export { FEED_STATUS_BY_POST_STATUS, statusFor, type PostLifecycleStatus } from './feed-status';
export { TimeZoneCatalog, type TimeZoneCatalogOptions } from './zone-catalog';
