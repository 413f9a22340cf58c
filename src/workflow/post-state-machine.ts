import type { PostStatus } from '../calendar/domain/post-vocabulary';

/** What can happen to a post. Every status change anywhere goes through `transition()`. */
export type PostEvent =
  | 'submit'
  | 'approve'
  | 'request_changes'
  | 'reject'
  | 'schedule'
  | 'edit'
  | 'hold'
  | 'release'
  | 'start_publishing'
  | 'requeue'
  | 'publish_succeeded'
  | 'publish_failed'
  | 'miss'
  | 'withdraw';

const EDITABLE: PostStatus[] = [
  'draft',
  'changes_requested',
  'in_review',
  'approved',
  'scheduled',
  'held',
  'failed',
  'missed',
];

/**
 * The post lifecycle as one table: event -> from-states -> to-state. Anything not listed
 * is refused with an i18n key (422 at the HTTP edge).
 */
export const TRANSITIONS: Record<PostEvent, { from: readonly PostStatus[]; to: PostStatus }> = {
  submit: { from: ['draft', 'changes_requested'], to: 'in_review' },
  // The last stage approved: the post is approved, then scheduled (or held) at once. From
  // `held` when an expired approval was signed again (workflow/review-sweeper.service.ts).
  approve: { from: ['in_review', 'held'], to: 'approved' },
  // A reviewer's refusal; `held` is an expired approval being signed again.
  request_changes: { from: ['in_review', 'held'], to: 'changes_requested' },
  reject: { from: ['in_review', 'held'], to: 'rejected' },
  schedule: { from: ['approved'], to: 'scheduled' },
  // An edit makes a new revision, voids approvals and takes the post off the schedule.
  edit: { from: EDITABLE, to: 'draft' },
  // From in_review when the scheduled time comes before the last signature: it must not go out.
  hold: { from: ['in_review', 'approved', 'scheduled', 'publishing'], to: 'held' },
  // A publisher's explicit decision to put a held, missed or failed post back on the schedule.
  release: { from: ['held', 'missed', 'failed'], to: 'scheduled' },
  start_publishing: { from: ['scheduled'], to: 'publishing' },
  // A publish attempt that must be retried later (e.g. a channel answered 5xx).
  requeue: { from: ['publishing'], to: 'scheduled' },
  publish_succeeded: { from: ['publishing'], to: 'published' },
  publish_failed: { from: ['publishing'], to: 'failed' },
  miss: { from: ['scheduled', 'publishing'], to: 'missed' },
  withdraw: {
    from: ['draft', 'changes_requested', 'in_review', 'approved', 'scheduled', 'held', 'failed', 'missed'],
    to: 'withdrawn',
  },
};

export type TransitionResult =
  | { ok: true; to: PostStatus }
  | { ok: false; code: 'INVALID_TRANSITION'; messageKey: string; params: Record<string, string> };

export function transition(from: PostStatus, event: PostEvent): TransitionResult {
  const rule = TRANSITIONS[event];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  return { ok: false, code: 'INVALID_TRANSITION', messageKey: 'errors.invalidTransition', params: { from, event } };
}

export function canTransition(from: PostStatus, event: PostEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}
