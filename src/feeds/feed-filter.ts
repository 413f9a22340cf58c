import type { Channel, PostStatus } from '../calendar/domain/post-vocabulary';

/** What a feed shows; every field narrows it. */
export interface FeedFilter {
  jurisdictions?: string[];
  channels?: Channel[];
  campaignId?: string;
  statuses?: PostStatus[];
  /** Only the posts I wrote, plus the review stages assigned to my roles (each its own event). */
  mine?: boolean;
}

/** The window of a feed: 90 days back to 12 months ahead keeps it under Google's ~1 MB. */
export function feedWindow(now: Date): { from: Date; to: Date } {
  const day = 24 * 3600 * 1000;
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = new Date(start);
  to.setUTCFullYear(to.getUTCFullYear() + 1);
  return { from: new Date(start - 90 * day), to };
}
