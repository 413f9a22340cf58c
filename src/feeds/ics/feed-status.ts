import type { FeedEventStatus } from './feed-model';

/** Every post state of the workflow (DESIGN.md, "The post lifecycle"), plus `deleted`. */
export type PostLifecycleStatus =
  | 'draft'
  | 'in_review'
  | 'changes_requested'
  | 'approved'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'held'
  | 'failed'
  | 'missed'
  | 'rejected'
  | 'withdrawn'
  | 'deleted';

/**
 * How a post appears in a feed: a VEVENT STATUS, or null to leave it out.
 *
 * - Not yet approved (draft, in_review, changes_requested) -> TENTATIVE: it may still move or die.
 * - Approved and on its way or out (approved, scheduled, publishing, published) -> CONFIRMED.
 * - held, failed, missed -> TENTATIVE and kept in the feed. Each one needs a person (release a
 *   hold, retry, re-schedule), so hiding it would hide the problem from the reviewers who
 *   follow the feed, and dropping then re-adding it makes clients flicker. It is not
 *   CONFIRMED because the post is not going out, or did not go out, at the time shown. The
 *   feed service puts the state in the SUMMARY prefix and CATEGORIES so it is visible.
 * - rejected, withdrawn, deleted -> null: removed rather than CANCELLED, because Google drops
 *   cancelled events while Apple and Fastmail show them struck through (ICAL.md §1.16).
 */
export const FEED_STATUS_BY_POST_STATUS: Readonly<Record<PostLifecycleStatus, FeedEventStatus | null>> = {
  draft: 'TENTATIVE',
  in_review: 'TENTATIVE',
  changes_requested: 'TENTATIVE',
  approved: 'CONFIRMED',
  scheduled: 'CONFIRMED',
  publishing: 'CONFIRMED',
  published: 'CONFIRMED',
  held: 'TENTATIVE',
  failed: 'TENTATIVE',
  missed: 'TENTATIVE',
  rejected: null,
  withdrawn: null,
  deleted: null,
};

/**
 * The feed STATUS for a post state, or null when the post must not be in any feed.
 * Throws for a state missing from the table, so a new workflow state gets a deliberate
 * mapping instead of a silent default.
 */
export function statusFor(postStatus: string): FeedEventStatus | null {
  if (!Object.prototype.hasOwnProperty.call(FEED_STATUS_BY_POST_STATUS, postStatus)) {
    throw new Error(`No feed status is defined for post status "${postStatus}"`);
  }
  return FEED_STATUS_BY_POST_STATUS[postStatus as PostLifecycleStatus];
}
