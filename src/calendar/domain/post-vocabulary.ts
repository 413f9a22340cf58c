/**
 * The vocabularies of the API. Those the rules engine reads (product categories, channels,
 * communication types, audiences) are defined once, in the engine, and re-exported here.
 */
export {
  AUDIENCES,
  CHANNELS,
  COMMUNICATION_TYPES,
  PRODUCT_CATEGORIES,
  type Audience,
  type Channel,
  type CommunicationType,
  type ProductCategory,
} from '@preclear/rules-engine';

export const MEDIA_KINDS = ['image', 'video', 'gif', 'document', 'carousel'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * One image or video of a post. `mediaId` names an upload of the workspace by the SHA-256 of its
 * bytes, so the content hash (and every approval) covers the exact file; items without it are
 * descriptions written before uploads existed, kept as they were.
 */
export interface MediaItem {
  kind: MediaKind;
  altText?: string;
  url?: string;
  mediaId?: string;
}

/** Every state of the post lifecycle (see workflow/post-state-machine.ts for the transitions). */
export const POST_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'rejected',
  'scheduled',
  'publishing',
  'published',
  'held',
  'failed',
  'missed',
  'withdrawn',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
