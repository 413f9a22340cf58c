import type { PostStatus } from '../../calendar/domain/post-vocabulary';

/** The states in which a post waits for a publisher's explicit release. */
export const STOPPED_STATUSES = ['held', 'missed', 'failed'] as const satisfies readonly PostStatus[];
export type StoppedStatus = (typeof STOPPED_STATUSES)[number];
