/** The one job of the `publish` queue (src/queue/queue.constants.ts names the queue). */
export const PUBLISH_JOB = 'publish';

/** What a publish job carries: just enough to find the post; Postgres holds everything else. */
export interface PublishJobData {
  postId: string;
  workspaceId: string;
  revision: number;
  /** Which dispatch of this revision the job is; a job of an older dispatch is stale and does nothing. */
  dispatch: number;
}

/**
 * Deterministic job ids make enqueueing idempotent: Bull ignores an add whose id exists, so the
 * scheduler, the reconciler and every app instance may all add the same post without doubling it.
 * The first dispatch of a revision is `publish:<postId>:<revision>`; a retry or a release gets a
 * generation suffix, because its predecessor may still be finishing under the plain id.
 */
export function publishJobId(postId: string, revision: number, dispatch: number): string {
  return dispatch === 0 ? `publish:${postId}:${revision}` : `publish:${postId}:${revision}:${dispatch}`;
}
