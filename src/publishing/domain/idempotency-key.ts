/**
 * One key per (post, revision, channel): every attempt to put the same approved text on the
 * same channel carries it, including retries after a timeout whose outcome we never learned,
 * so the receiver can drop repeats. A new revision is new content and gets a new key.
 */
export function idempotencyKey(postId: string, revision: number, channel: string): string {
  return `${postId}:${revision}:${channel}`;
}
