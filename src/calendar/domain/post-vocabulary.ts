/** The vocabularies of API.md; one place, used by DTOs, entities and the rules engine facts. */
export const PRODUCT_CATEGORIES = [
  'brand',
  'deposit',
  'consumer_credit',
  'credit_card',
  'short_term_credit',
  'mortgage',
  'brokerage',
  'investment_fund',
  'advisory',
  'structured_product',
  'crypto',
  'high_risk_derivative',
  'p2p_lending',
  'insurance',
  'pension',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const COMMUNICATION_TYPES = ['retail', 'correspondence', 'institutional'] as const;
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];

export const AUDIENCES = ['retail', 'professional'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const CHANNELS = ['facebook', 'instagram', 'x', 'linkedin', 'tiktok', 'pinterest', 'youtube'] as const;
export type Channel = (typeof CHANNELS)[number];

export const MEDIA_KINDS = ['image', 'video', 'gif', 'document', 'carousel'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export interface MediaItem {
  kind: MediaKind;
  altText?: string;
  url?: string;
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
