import type { Schemas } from '../../api/client';

type Stage = Schemas['ReviewStageDto'];
type Post = Schemas['WorkflowPostDto'];

/**
 * Which open stage this member may sign, or why none: the same rules the API enforces
 * (author, role, one stage per person), so a button is never offered only to fail.
 */
export function decisionFor(
  post: Post,
  userId: string,
  roles: string[],
): { stage: Stage } | { reason: 'author' | 'role' | 'signedOther' | 'nothingOpen' } {
  const open = post.stages.filter((s) => s.status === 'open');
  if (open.length === 0) return { reason: 'nothingOpen' };
  if (post.createdBy === userId) return { reason: 'author' };
  const signed = post.stages.some((s) => s.status !== 'void' && s.signature?.decidedBy === userId);
  if (signed) return { reason: 'signedOther' };
  const mine = open.find((s) => roles.includes(s.role));
  return mine ? { stage: mine } : { reason: 'role' };
}
