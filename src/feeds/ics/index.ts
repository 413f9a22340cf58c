export { ICS_CONTENT_TYPE, etagFor, isNotModified, type ConditionalHeaders, type FeedValidators } from './conditional-request';
export { EventBlockCache, type CachedEventBlock, type EventBlockCacheOptions, type EventBlockCacheStats } from './event-block-cache';
export { FeedModelError, type FeedEvent, type FeedEventStatus, type FeedModel, type FeedProdId, type RenderedFeed } from './feed-model';
export { FEED_TTL_SECONDS, FeedRenderer, eventBlockKey, renderFeed, renderFeedWithIcalGenerator, type FeedRendererOptions } from './feed-renderer';
export { FEED_STATUS_BY_POST_STATUS, statusFor, type PostLifecycleStatus } from './feed-status';
export { TimeZoneCatalog, type TimeZoneCatalogOptions } from './zone-catalog';
