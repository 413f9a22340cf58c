import { TxEvent } from '../common/events/tx-events';
import type { AppliedTransition } from './post-transitions.service';

/**
 * Posts moved through the state machine (one `applyMany` call: all its transitions at once,
 * so a subscriber can do its work in one query), inside the mover's transaction, after the
 * status, the audit entries and the feed sequence were written. Subscribe with
 * `onTxEvent(PostTransitioned, YourService, 'method')` in your module's providers.
 */
export const PostTransitioned = new TxEvent<readonly AppliedTransition[]>('post.transitioned');
