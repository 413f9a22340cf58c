/** What members are told about. Each has a message in the six languages (notifications locales). */
export const NOTIFICATION_EVENTS = [
  'review_requested',
  'changes_requested',
  'rejected',
  'approved',
  'scheduled',
  'review_deadline_approaching',
  'review_deadline_passed',
  'post_held',
  'publication_failed',
  'publication_differs',
  'filing_due',
  'approval_expiring',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const NOTIFICATION_MODES = ['immediate', 'digest', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

/** Events nobody may switch off: a review deadline that passed on a stage one can sign. */
export const MANDATORY_EVENTS: readonly NotificationEvent[] = ['review_deadline_passed'];

/** Every member starts with every event immediately; preferences only store differences. */
export const DEFAULT_MODE: NotificationMode = 'immediate';

/**
 * One thing that happened, for some members. `key` identifies the occurrence (e.g. the stage or
 * the post revision): the same key is recorded once per member, however many instances or
 * sweeps see it, which is what makes the outbox exactly-once at the source.
 */
export interface NotificationIntent {
  workspaceId: string;
  event: NotificationEvent;
  postId: string | null;
  key: string;
  recipients: readonly string[];
  /** Shown in the message: the post's title, a reason code, a deadline; never secrets. */
  params: Record<string, string>;
}

/** The web app's page for a post: reviewers get the review page, everyone else the editor. */
export function postPath(event: NotificationEvent, postId: string): string {
  return event === 'review_requested' || event === 'review_deadline_approaching' || event === 'review_deadline_passed'
    ? `/review/${postId}`
    : `/posts/${postId}`;
}

/** The next daily digest time after `from`: DIGEST hour in UTC (members have no time zone of their own). */
export function nextDigestAt(from: Date, hourUtc: number): Date {
  const at = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), hourUtc));
  if (at.getTime() <= from.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}
