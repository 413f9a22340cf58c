import type { PostStatus } from '../calendar/domain/post-vocabulary';
import type { FeedEvent } from './ics';
import { statusFor } from './ics';

/**
 * Everything an event says to a person, in the member's language: labels (`label('review')`),
 * vocabulary codes (a stage, a role) and instants, shown in the post's zone.
 */
export interface FeedLabels {
  (key: string): string;
  stage: (code: string) => string;
  role: (code: string) => string;
  time: (instant: Date, timezone: string) => string;
}

export interface PostForFeed {
  id: string;
  workspaceId: string;
  title: string;
  status: PostStatus;
  scheduledAt: Date;
  timezone: string;
  jurisdictions: string[];
  channels: string[];
  feedSequence: number;
  updatedAt: Date;
}

export interface StageForFeed {
  postId: string;
  stage: string;
  role: string;
  dueAt: Date;
  /** Raised whenever the stage's due time or state changes. */
  sequence: number;
  updatedAt: Date;
}

export interface FeedLinks {
  /** Host part of event UIDs, e.g. `preclear.bank.example`. */
  uidDomain: string;
  postUrl: (post: PostForFeed) => string;
}

/** Posts last 15 minutes on the calendar: long enough to be seen, short enough not to block a day. */
const POST_MINUTES = 15;
const STAGE_MINUTES = 30;

/** A post as a calendar event, or null when its state removes it from feeds. */
export function postEvent(
  post: PostForFeed,
  stages: readonly { stage: string }[],
  links: FeedLinks,
  label: FeedLabels,
): FeedEvent | null {
  const status = statusFor(post.status);
  if (status === null) return null;
  const state = label(`status.${post.status}`);
  const lines = [
    `${label('jurisdictions')}: ${post.jurisdictions.join(', ')}`,
    `${label('channels')}: ${post.channels.join(', ')}`,
  ];
  if (stages.length > 0) lines.push(`${label('stages')}: ${stages.map((s) => label.stage(s.stage)).join(' → ')}`);
  const url = links.postUrl(post);
  lines.push(`${label('link')}: ${url}`);
  return {
    uid: `post-${post.id}@${links.uidDomain}`,
    sequence: post.feedSequence,
    start: post.scheduledAt,
    timezone: post.timezone,
    durationMinutes: POST_MINUTES,
    summary: `[${state}] ${post.title}`,
    description: lines.join('\n'),
    categories: [state, ...post.jurisdictions, ...post.channels],
    status,
    url,
    lastModified: post.updatedAt,
  };
}

/** A review stage assigned to the member's roles, as its own event at its due time. */
export function stageEvent(post: PostForFeed, stage: StageForFeed, links: FeedLinks, label: FeedLabels): FeedEvent {
  const url = links.postUrl(post);
  return {
    uid: `stage-${post.id}-${stage.stage}@${links.uidDomain}`,
    sequence: stage.sequence,
    start: stage.dueAt,
    timezone: post.timezone,
    durationMinutes: STAGE_MINUTES,
    summary: `[${label('review')}: ${label.stage(stage.stage)}] ${post.title}`,
    description: [
      `${label('stage')}: ${label.stage(stage.stage)} (${label.role(stage.role)})`,
      `${label('dueAt')}: ${label.time(stage.dueAt, post.timezone)}`,
      `${label('scheduledFor')}: ${label.time(post.scheduledAt, post.timezone)}`,
      `${label('jurisdictions')}: ${post.jurisdictions.join(', ')}`,
      `${label('link')}: ${url}`,
    ].join('\n'),
    categories: [label('review'), label.stage(stage.stage), ...post.jurisdictions],
    status: 'TENTATIVE',
    url,
    lastModified: stage.updatedAt > post.updatedAt ? stage.updatedAt : post.updatedAt,
  };
}
