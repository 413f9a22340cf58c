import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { PostStatus } from '../calendar/domain/post-vocabulary';
import { Post } from '../calendar/entities/post.entity';
import { DomainRuleError } from '../common/errors/app-error';
import type { Actor } from '../identity/actor';
import { transition, type PostEvent } from './post-state-machine';

/** Why a transition the table allows must not happen for this post (e.g. scheduling before a filing clears). */
export interface TransitionRefusal {
  code: string;
  /** i18n key, e.g. `workflow:errors.filingPending`. */
  messageKey: string;
  params: Record<string, unknown>;
  details?: unknown;
}

/** Asked before a transition; returns a refusal to stop it (422), or null. Runs inside the caller's transaction. */
export type TransitionVeto = (tx: EntityManager, post: Post, event: PostEvent) => Promise<TransitionRefusal | null>;

export interface TransitionChange {
  event: PostEvent;
  from: PostStatus;
  to: PostStatus;
  actor: Actor | string;
}

/** Told after a transition was written, inside the same transaction (so it commits or rolls back with it). */
export type TransitionListener = (tx: EntityManager, post: Post, change: TransitionChange) => Promise<void>;

/**
 * The only writer of `posts.status`. Every module that moves a post (workflow, scheduling,
 * publishing) calls `apply` inside its own transaction, with the post row locked; the
 * table in post-state-machine.ts decides, vetoes may refuse what the table allows for this
 * particular post, the audit trail records, and the feed SEQUENCE rises.
 */
@Injectable()
export class PostTransitionsService {
  private readonly vetoes: { events: readonly PostEvent[]; veto: TransitionVeto }[] = [];
  private readonly listeners: TransitionListener[] = [];

  constructor(private readonly audit: AuditService) {}

  /** Registers a veto for some events (the workflow refuses `schedule` without valid approvals and filings). */
  addVeto(events: readonly PostEvent[], veto: TransitionVeto): void {
    this.vetoes.push({ events, veto });
  }

  onTransition(listener: TransitionListener): void {
    this.listeners.push(listener);
  }

  async apply(
    tx: EntityManager,
    post: Post,
    event: PostEvent,
    actor: Actor | string,
    reason: Record<string, unknown> | null = null,
  ): Promise<{ from: PostStatus; to: PostStatus }> {
    const result = transition(post.status, event);
    if (!result.ok) throw new DomainRuleError(result.code, result.messageKey, result.params);
    for (const { events, veto } of this.vetoes) {
      if (!events.includes(event)) continue;
      const refusal = await veto(tx, post, event);
      if (refusal) throw new DomainRuleError(refusal.code, refusal.messageKey, refusal.params, refusal.details);
    }
    const from = post.status;
    post.status = result.to;
    post.statusReason = reason;
    post.feedSequence += 1;
    await tx
      .getRepository(Post)
      .update({ id: post.id }, { status: post.status, statusReason: reason, feedSequence: post.feedSequence, updatedAt: () => 'now()' } as never);
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
    for (const listener of this.listeners) await listener(tx, post, { event, from, to: result.to, actor });
    return { from, to: result.to };
  }
}
