import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import type { AppliedTransition } from '../workflow/post-transitions.service';
import type { NotificationEvent, NotificationIntent } from './notification-events';
import { NotificationOutbox } from './notification-outbox.service';
import { author, Recipients } from './notification-recipients';

/** The post events that tell the author what became of their post. */
const TO_AUTHOR: Partial<Record<string, NotificationEvent>> = {
  request_changes: 'changes_requested',
  reject: 'rejected',
  approve: 'approved',
  schedule: 'scheduled',
};

/**
 * Post transitions become notification outbox rows inside the transaction that made them
 * (subscribed to PostTransitioned in NotificationsModule); time-driven events (deadlines,
 * expiry, filings, later review stages) come from NotificationSweep.
 */
@Injectable()
export class NotificationTriggers {
  constructor(private readonly outbox: NotificationOutbox) {}

  async onTransitioned(tx: EntityManager, applied: readonly AppliedTransition[]): Promise<void> {
    const intents: NotificationIntent[] = [];
    for (const { post, change } of applied) intents.push(...(await this.intentsFor(tx, post, change.event)));
    if (intents.length > 0) await this.outbox.record(tx, intents);
  }

  private async intentsFor(tx: EntityManager, post: Post, event: string): Promise<NotificationIntent[]> {
    // feed_sequence rises with every transition: it tells two holds of one revision apart.
    const base = { workspaceId: post.workspaceId, postId: post.id, params: { title: post.title } };
    const occurrence = `${post.id}:${post.feedSequence}`;
    const toAuthor = TO_AUTHOR[event];
    if (toAuthor) {
      return [{ ...base, event: toAuthor, key: `${toAuthor}:${occurrence}`, recipients: author(post.createdBy) }];
    }
    if (event === 'submit') return this.reviewRequested(tx, post);
    if (event === 'publish_failed') {
      const recipients = [...(await Recipients.publishers(tx, post.workspaceId)), ...author(post.createdBy)];
      return [{ ...base, event: 'publication_failed', key: `publication_failed:${occurrence}`, recipients }];
    }
    if (event !== 'hold') return [];
    const reason = typeof post.statusReason?.code === 'string' ? post.statusReason.code : 'other';
    const held: NotificationIntent = {
      ...base,
      event: 'post_held',
      key: `post_held:${occurrence}`,
      params: { ...base.params, reason },
      recipients: [...(await Recipients.publishers(tx, post.workspaceId)), ...author(post.createdBy)],
    };
    if (reason !== 'review_deadline_passed') return [held];
    return [held, ...(await this.deadlinePassed(tx, post, occurrence))];
  }

  /** The first stage(s) of a new round: its signers are asked to review. */
  async reviewRequested(tx: EntityManager, post: Post): Promise<NotificationIntent[]> {
    const stages = await tx.query<{ id: string; role: string; stage: string }[]>(
      `SELECT id, role, stage FROM review_stages s WHERE post_id = $1 AND status = 'open'
          AND position = (SELECT min(position) FROM review_stages WHERE post_id = $1 AND status = 'open')`,
      [post.id],
    );
    return this.stageIntents(tx, post, stages, 'review_requested');
  }

  /** Signers of the stages the deadline closed: a mandatory notice. */
  private async deadlinePassed(tx: EntityManager, post: Post, occurrence: string): Promise<NotificationIntent[]> {
    const stages = await tx.query<{ id: string; role: string; stage: string }[]>(
      `SELECT id, role, stage FROM review_stages WHERE post_id = $1 AND revision = $2 AND void_reason = 'review_deadline_passed'`,
      [post.id, post.revision],
    );
    const intents = await this.stageIntents(tx, post, stages, 'review_deadline_passed');
    return intents.map((intent) => ({
      ...intent,
      key: `${intent.key}:${occurrence}`,
      recipients: [...intent.recipients, ...author(post.createdBy)],
    }));
  }

  private async stageIntents(
    tx: EntityManager,
    post: Pick<Post, 'id' | 'workspaceId' | 'title' | 'createdBy'>,
    stages: { id: string; role: string; stage: string }[],
    event: NotificationEvent,
  ): Promise<NotificationIntent[]> {
    const intents: NotificationIntent[] = [];
    for (const stage of stages) {
      intents.push({
        workspaceId: post.workspaceId,
        postId: post.id,
        event,
        key: `${event}:${stage.id}`,
        params: { title: post.title, stage: stage.stage },
        recipients: await Recipients.withRole(tx, post.workspaceId, stage.role, post.createdBy),
      });
    }
    return intents;
  }
}
