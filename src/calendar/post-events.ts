import { TxEvent } from '../common/events/tx-events';
import type { WorkspaceMember } from '../common/domain/actor';
import type { PostStatus } from './domain/post-vocabulary';
import type { Post } from './entities/post.entity';

export interface PostEditedPayload {
  /** The post as saved, with its new revision (already moved back to draft when it was further along). */
  post: Post;
  previousStatus: PostStatus;
  member: WorkspaceMember;
}

/**
 * A content change was written (a new revision), inside the edit's transaction. The workflow
 * voids the approvals of earlier revisions; scheduling drops the publish job after commit.
 * Subscribe with `onTxEvent(PostEdited, YourService, 'method')` in your module's providers.
 */
export const PostEdited = new TxEvent<PostEditedPayload>('post.edited');
