import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { PostStatus } from '../calendar/domain/post-vocabulary';
import { Post } from '../calendar/entities/post.entity';
import { DomainRuleError } from '../common/errors/app-error';
import type { Actor } from '../common/domain/actor';
import { TxEvents } from '../common/events/tx-events';
import { PostTransitioned } from './post-events';
import { transition, type PostEvent } from './post-state-machine';

/** Why a transition the table allows must not happen for this post (e.g. scheduling before a filing clears). */
export interface TransitionRefusal {
  code: string;
  /** i18n key, e.g. `workflow:errors.filingPending`. */
  messageKey: string;
  params: Record<string, unknown>;
  details?: unknown;
}

export interface TransitionChange {
  event: PostEvent;
  from: PostStatus;
  to: PostStatus;
  actor: Actor | string;
}

/** A transition that was written, as listeners see it. */
export interface AppliedTransition {
  post: Post;
  change: TransitionChange;
}

export interface TransitionRequest {
  post: Post;
  event: PostEvent;
  reason?: Record<string, unknown> | null;
}

/**
 * The only writer of `posts.status`. Every module that moves a post (workflow, scheduling,
 * publishing) calls `apply` (or `applyMany` for a batch) inside its own transaction, with the
 * post rows locked; the table in post-state-machine.ts decides, vetoes may refuse what the
 * table allows for a particular post, the audit trail records, and the feed SEQUENCE rises.
 * Subscribers of PostTransitioned (post-events.ts) are told inside the same transaction.
 */
@Injectable()
export class PostTransitionsService {
  constructor(
    private readonly audit: AuditService,
    private readonly events: TxEvents,
  ) {}

  async apply(
    tx: EntityManager,
    post: Post,
    event: PostEvent,
    actor: Actor | string,
    reason: Record<string, unknown> | null = null,
  ): Promise<{ from: PostStatus; to: PostStatus }> {
    const [change] = await this.applyMany(tx, [{ post, event, reason }], actor);
    return { from: change.from, to: change.to };
  }

  /**
   * Moves several posts in one go: each is checked against the table (any refusal aborts
   * the whole batch), then one UPDATE, one audit append and one PostTransitioned event
   * write them all.
   */
  async applyMany(
    tx: EntityManager,
    requests: readonly TransitionRequest[],
    actor: Actor | string,
  ): Promise<TransitionChange[]> {
    if (requests.length === 0) return [];
    const applied: AppliedTransition[] = [];
    for (const { post, event } of requests) {
      const result = transition(post.status, event);
      if (!result.ok) throw new DomainRuleError(result.code, result.messageKey, result.params);
      applied.push({ post, change: { event, from: post.status, to: result.to, actor } });
    }
    requests.forEach(({ post, reason }, i) => {
      post.status = applied[i].change.to;
      post.statusReason = reason ?? null;
      post.feedSequence += 1;
    });
    await tx.query(
      `UPDATE posts p
          SET status = v.status, status_reason = v.reason, feed_sequence = v.feed_sequence, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::int[]) AS v(id, status, reason, feed_sequence)
        WHERE p.id = v.id`,
      [
        requests.map(({ post }) => post.id),
        requests.map(({ post }) => post.status),
        requests.map(({ post }) => (post.statusReason === null ? null : JSON.stringify(post.statusReason))),
        requests.map(({ post }) => post.feedSequence),
      ],
    );
    await this.audit.recordMany(
      applied.map(({ post, change }) => ({
        workspaceId: post.workspaceId,
        actor,
        action: 'post.transition',
        subject: `post:${post.id}`,
        data: {
          event: change.event,
          from: change.from,
          to: change.to,
          revision: post.revision,
          ...(post.statusReason ? { reason: post.statusReason } : {}),
        },
      })),
      tx,
    );
    await this.events.emit(tx, PostTransitioned, applied);
    return applied.map((a) => a.change);
  }
}
