import { TxEvent } from '../common/events/tx-events';

/** A post taken from a dead worker: put back on the schedule, or failed when its runs are used up. */
export interface TakenOver {
  postId: string;
  revision: number;
  outcome: 'requeued' | 'failed';
}

/**
 * Runs taken over from a dead worker (Reconciler), inside the takeover's transaction.
 * Publishing subscribes (PublishingModule): the calls that worker had in flight may or may
 * not have gone out, so their attempts become `unknown`.
 */
export const RunsTakenOver = new TxEvent<readonly TakenOver[]>('publish.runs_taken_over');
