// Written by `npm run web:api` from the service's own definitions (src/calendar/domain/post-vocabulary.ts,
// src/workflow/post-state-machine.ts). Do not edit: change the service and regenerate.

export const POST_STATUSES = ['draft', 'in_review', 'changes_requested', 'approved', 'rejected', 'scheduled', 'publishing', 'published', 'held', 'failed', 'missed', 'withdrawn'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const CHANNELS = ['facebook', 'instagram', 'x', 'linkedin', 'tiktok', 'pinterest', 'youtube'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The statuses a post can be edited in (an edit makes a new revision and voids its approvals). */
export const EDITABLE_STATUSES: readonly PostStatus[] = ['draft', 'changes_requested', 'in_review', 'approved', 'scheduled', 'held', 'failed', 'missed'];
