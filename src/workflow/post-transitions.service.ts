import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { PostStatus } from '../calendar/domain/post-vocabulary';
import { Post } from '../calendar/entities/post.entity';
import { DomainRuleError } from '../common/errors/app-error';
import type { Actor } from '../identity/actor';
import { transition, type PostEvent } from './post-state-machine';

/**
 * The only writer of `posts.status`. Every module that moves a post (workflow, scheduling,
 * publishing) calls `apply` inside its own transaction, with the post row locked; the
 * table in post-state-machine.ts decides, the audit trail records, and the feed SEQUENCE rises.
 */
@Injectable()
export class PostTransitionsService {
  constructor(private readonly audit: AuditService) {}

  async apply(
    tx: EntityManager,
    post: Post,
    event: PostEvent,
    actor: Actor | string,
    reason: Record<string, unknown> | null = null,
  ): Promise<{ from: PostStatus; to: PostStatus }> {
    const result = transition(post.status, event);
    if (!result.ok) throw new DomainRuleError(result.code, result.messageKey, result.params);
    const from = post.status;
    post.status = result.to;
    post.statusReason = reason;
    post.feedSequence += 1;
    await tx.getRepository(Post).update(
      { id: post.id },
      { status: post.status, statusReason: reason, feedSequence: post.feedSequence, updatedAt: () => 'now()' } as never,
    );
    await this.audit.record(
      {
        workspaceId: post.workspaceId,
        actor,
        action: 'post.transition',
        subject: `post:${post.id}`,
        data: { event, from, to: result.to, revision: post.revision, ...(reason ? { reason } : {}) },
      },
      tx,
    );
    return { from, to: result.to };
  }
}
