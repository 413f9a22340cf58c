import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailerService } from './mail/mailer.service';
import { DEFAULT_MODE, MANDATORY_EVENTS, type NotificationIntent, nextDigestAt } from './notification-events';
import { Clock } from '../common/clock/clock';

/**
 * The transactional outbox: called inside the transaction of the change that causes the
 * notifications, it writes the in-app rows and the deliveries still to be made (e-mail per
 * member, Teams/Slack per workspace), so they commit or roll back with the change. Nothing is
 * sent here: the delivery worker picks the rows up, and a mail server that is down can never
 * block or undo the workflow. Unique keys make a second recording of the same occurrence
 * (another instance, a later sweep) a no-op.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: MailerService,
  ) {}

  async record(tx: EntityManager, intents: readonly NotificationIntent[], now = this.clock.now()): Promise<void> {
    for (const intent of intents) {
      await this.recordForMembers(tx, intent, now);
      await this.recordForHooks(tx, intent);
    }
  }

  private async recordForMembers(tx: EntityManager, intent: NotificationIntent, now: Date): Promise<void> {
    const recipients = [...new Set(intent.recipients)];
    if (recipients.length === 0) return;
    const mandatory = MANDATORY_EVENTS.includes(intent.event);
    // Members only (someone who left the workspace hears nothing), with their choice for this event.
    const rows = await tx.query<{ id: string; user_id: string; mode: string }[]>(
      `WITH wanted AS (
         SELECT m.user_id, CASE WHEN $6 THEN COALESCE(NULLIF(p.mode, 'off'), $7) ELSE COALESCE(p.mode, $7) END AS mode
           FROM memberships m
           LEFT JOIN notification_preferences p ON p.workspace_id = m.workspace_id AND p.user_id = m.user_id AND p.event = $2
          WHERE m.workspace_id = $1 AND m.user_id = ANY($5::uuid[]))
       , inserted AS (
         INSERT INTO notifications (workspace_id, user_id, post_id, event, params, dedupe_key)
         SELECT $1, w.user_id, $3, $2, $4, $8 FROM wanted w WHERE w.mode <> 'off'
         ON CONFLICT (workspace_id, user_id, dedupe_key) DO NOTHING
         RETURNING id, user_id)
       SELECT i.id, i.user_id, w.mode FROM inserted i JOIN wanted w ON w.user_id = i.user_id`,
      [
        intent.workspaceId,
        intent.event,
        intent.postId,
        JSON.stringify(intent.params),
        recipients,
        mandatory,
        DEFAULT_MODE,
        intent.key,
      ],
    );
    if (rows.length === 0 || !this.mailer.enabled) return;
    const digestAt = nextDigestAt(now, this.config.NOTIFICATION_DIGEST_HOUR);
    await tx.query(
      `INSERT INTO notification_deliveries (workspace_id, notification_id, user_id, channel, mode, event, post_id, params, dedupe_key, due_at)
       SELECT $1, v.id, v.user_id, 'email', v.mode, $2, $3, $4, v.id::text, CASE WHEN v.mode = 'digest' THEN $5::timestamptz ELSE now() END
         FROM unnest($6::uuid[], $7::uuid[], $8::text[]) AS v(id, user_id, mode)
       ON CONFLICT (channel, dedupe_key) DO NOTHING`,
      [
        intent.workspaceId,
        intent.event,
        intent.postId,
        JSON.stringify(intent.params),
        digestAt,
        rows.map((r) => r.id),
        rows.map((r) => r.user_id),
        rows.map((r) => r.mode),
      ],
    );
  }

  /** One message per occurrence to each Teams/Slack webhook the workspace has set up. */
  private async recordForHooks(tx: EntityManager, intent: NotificationIntent): Promise<void> {
    await tx.query(
      `INSERT INTO notification_deliveries (workspace_id, channel, event, post_id, params, dedupe_key)
       SELECT h.workspace_id, h.kind, $2, $3, $4, $1::text || ':' || $5::text FROM notification_hooks h WHERE h.workspace_id = $1::uuid
       ON CONFLICT (channel, dedupe_key) DO NOTHING`,
      [intent.workspaceId, intent.event, intent.postId, JSON.stringify(intent.params), intent.key],
    );
  }
}
