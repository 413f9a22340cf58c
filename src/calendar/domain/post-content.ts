import { canonicalJson, sha256Hex } from '../../common/domain/canonical-json';
import type { Audience, Channel, CommunicationType, MediaItem, ProductCategory } from './post-vocabulary';

/** Everything a reviewer approves: the text as published and every fact the rules read. */
export interface PostContent {
  title: string;
  body: string;
  locale: string;
  productCategory: ProductCategory;
  communicationType: CommunicationType;
  audience: Audience;
  interactive: boolean;
  paid: boolean;
  influencer: boolean;
  /**
   * Placed through the platform's own ad system (a Facebook or LinkedIn ad), which shows the
   * platform's label ("Sponsored", "Gesponsert"); false for a creator's or the brand's own post.
   * Absent in revisions written before the field existed, which means false.
   */
  platformAd?: boolean;
  channels: Channel[];
  jurisdictions: string[];
  links: string[];
  media: MediaItem[];
  campaignId: string | null;
  brandId: string;
  /** UTC ISO instant or null. */
  scheduledAt: string | null;
  timezone: string;
}

export const CONTENT_FIELDS: readonly (keyof PostContent)[] = [
  'title',
  'body',
  'locale',
  'productCategory',
  'communicationType',
  'audience',
  'interactive',
  'paid',
  'influencer',
  'platformAd',
  'channels',
  'jurisdictions',
  'links',
  'media',
  'campaignId',
  'brandId',
  'scheduledAt',
  'timezone',
];

/**
 * `sha256:<hex>` over the canonical JSON of the content. Approvals bind to this hash and the
 * publisher re-computes it before sending, so what goes out is byte-for-byte what was approved.
 */
export function contentHash(content: PostContent): string {
  const picked: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) picked[field] = contentField(content, field);
  return `sha256:${sha256Hex(canonicalJson(picked))}`;
}

/**
 * A field as it is hashed and compared. `platformAd: false` counts as absent, so revisions
 * written before the field existed keep their hash (and their approvals) and show no change.
 */
export function contentField(content: PostContent, field: keyof PostContent): unknown {
  if (field === 'platformAd') return content.platformAd === true ? true : undefined;
  return content[field];
}

/** A stored post row: the content fields with the schedule as a Date. */
export type PostContentRow = Omit<PostContent, 'scheduledAt'> & { scheduledAt: Date | null };

/** The content a post row holds, in the exact shape that was hashed when its revision was written. */
export function contentOfPost(post: PostContentRow): PostContent {
  const content = {} as Record<keyof PostContent, unknown>;
  for (const field of CONTENT_FIELDS) content[field] = post[field];
  content.scheduledAt = post.scheduledAt ? post.scheduledAt.toISOString() : null;
  return content as PostContent;
}
