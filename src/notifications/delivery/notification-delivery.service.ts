import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { I18nService, type Language, SUPPORTED_LANGUAGES } from '../../i18n/i18n.service';
import { SECRET_BOX, type SecretBox } from '../../publishing/secret-box';
import { MailerService, simpleMail } from '../mail/mailer.service';
import type { NotificationEvent } from '../notification-events';
import { type ChatKind, ChatWebhookSender } from './chat-webhook';
import { renderNotification } from './notification-messages';

interface DeliveryRow {
  id: string;
  workspace_id: string;
  user_id: string | null;
  channel: 'email' | ChatKind;
  mode: 'immediate' | 'digest';
  event: NotificationEvent;
  post_id: string | null;
  params: Record<string, string>;
  attempts: number;
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/**
 * Makes one delivery of the outbox, exactly once across instances: the row is claimed with
 * SELECT ... FOR UPDATE SKIP LOCKED (a second worker skips it, and after the commit it is no
 * longer pending), sent, and marked in the same transaction. A failure counts an attempt and
 * sets the next try with doubling backoff; after NOTIFICATION_MAX_ATTEMPTS it is `failed`.
 * A digest delivery takes every due digest delivery of the same member along into one mail.
 */
@Injectable()
export class NotificationDelivery {
  private readonly logger = new Logger('NotificationDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly mailer: MailerService,
    private readonly chat: ChatWebhookSender,
    private readonly i18n: I18nService,
  ) {}

  /** Ids of pending deliveries that are due, oldest first. */
  async due(limit = 500): Promise<{ id: string; attempts: number }[]> {
    return this.dataSource.query<{ id: string; attempts: number }[]>(
      `SELECT id, attempts FROM notification_deliveries WHERE status = 'pending' AND due_at <= now() ORDER BY due_at LIMIT $1`,
      [limit],
    );
  }

  async deliver(id: string): Promise<DeliveryOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.claim(tx, id);
      if (batch.length === 0) return 'skipped';
      try {
        await this.send(tx, batch[0], batch);
      } catch (error) {
        return this.failed(tx, batch, error);
      }
      await tx.query(
        `UPDATE notification_deliveries SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])`,
        [batch.map((r) => r.id)],
      );
      return 'sent';
    });
  }

  /**
   * The rows this call may send, locked; none when another worker has them or they are done.
   * A digest is claimed whole under a lock on the member (an advisory lock for the transaction):
   * two workers starting on two rows of one member's digest must not send two digests.
   */
  private async claim(tx: EntityManager, id: string): Promise<DeliveryRow[]> {
    const [peek] = await tx.query<DeliveryRow[]>(
      `SELECT * FROM notification_deliveries WHERE id = $1 AND status = 'pending'`,
      [id],
    );
    if (!peek) return [];
    if (peek.mode !== 'digest') {
      return tx.query<DeliveryRow[]>(
        `SELECT * FROM notification_deliveries WHERE id = $1 AND status = 'pending' AND due_at <= now() FOR UPDATE SKIP LOCKED`,
        [id],
      );
    }
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtext('notification-digest:' || $1 || ':' || $2)) AS locked`,
      [peek.user_id, peek.workspace_id],
    );
    if (!locked) return [];
    const rows = await tx.query<DeliveryRow[]>(
      `SELECT * FROM notification_deliveries
        WHERE user_id = $1 AND workspace_id = $2 AND channel = 'email' AND mode = 'digest' AND status = 'pending' AND due_at <= now()
        ORDER BY created_at FOR UPDATE SKIP LOCKED`,
      [peek.user_id, peek.workspace_id],
    );
    return rows.some((r) => r.id === id) ? rows : [];
  }

  private async send(tx: EntityManager, row: DeliveryRow, batch: DeliveryRow[]): Promise<void> {
    if (row.channel === 'email') return this.sendMail(tx, row, batch);
    const [hook] = await tx.query<{ url_sealed: string }[]>(
      `SELECT url_sealed FROM notification_hooks WHERE workspace_id = $1 AND kind = $2`,
      [row.workspace_id, row.channel],
    );
    if (!hook) throw new PermanentFailure('hook_removed');
    const message = renderNotification(this.i18n, 'en', this.config.publicUrl, {
      event: row.event,
      postId: row.post_id,
      params: row.params,
    });
    await this.chat.send(row.channel, this.secrets.open(hook.url_sealed), message);
  }

  private async sendMail(tx: EntityManager, row: DeliveryRow, batch: DeliveryRow[]): Promise<void> {
    const [member] = await tx.query<{ email: string; language: string; workspace: string }[]>(
      `SELECT u.email, m.language, w.name AS workspace FROM users u
         JOIN memberships m ON m.user_id = u.id AND m.workspace_id = $2 JOIN workspaces w ON w.id = m.workspace_id
        WHERE u.id = $1`,
      [row.user_id, row.workspace_id],
    );
    if (!member) throw new PermanentFailure('no_longer_a_member');
    const lang = (SUPPORTED_LANGUAGES as readonly string[]).includes(member.language)
      ? (member.language as Language)
      : 'en';
    const rendered = batch.map((r) =>
      renderNotification(this.i18n, lang, this.config.publicUrl, {
        event: r.event,
        postId: r.post_id,
        params: r.params,
      }),
    );
    if (row.mode === 'digest') {
      const lines = [
        this.i18n.t('digest.intro', lang, { workspace: member.workspace }, 'notifications'),
        ...rendered.map((m) => `• ${m.subject}: ${m.url}`),
      ];
      const subject = this.i18n.t('digest.subject', lang, { count: rendered.length }, 'notifications');
      await this.mailer.send({ to: member.email, subject, language: lang, ...simpleMail(lines, null) });
      return;
    }
    const [message] = rendered;
    await this.mailer.send({
      to: member.email,
      subject: message.subject,
      language: lang,
      ...simpleMail([message.body], { label: message.action, url: message.url }),
    });
  }

  private async failed(tx: EntityManager, batch: DeliveryRow[], error: unknown): Promise<DeliveryOutcome> {
    const attempts = batch[0].attempts + 1;
    const permanent = error instanceof PermanentFailure || attempts >= this.config.NOTIFICATION_MAX_ATTEMPTS;
    // Only a short code is kept: a server's answer may quote addresses, the hook URL is a secret.
    const code = (error instanceof Error ? error.message : 'error').replace(/https?:\/\/\S+/g, '(url)').slice(0, 120);
    const delayMs = this.config.NOTIFICATION_BACKOFF_MS * 2 ** (attempts - 1);
    await tx.query(
      `UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $2, status = $3, due_at = now() + ($4::int * interval '1 millisecond')
        WHERE id = ANY($1::uuid[])`,
      [batch.map((r) => r.id), code, permanent ? 'failed' : 'pending', Math.min(delayMs, 24 * 3600 * 1000)],
    );
    this.logger.warn(
      { deliveries: batch.map((r) => r.id), channel: batch[0].channel, attempts, error: code },
      permanent ? 'notification given up' : 'notification will be retried',
    );
    return permanent ? 'failed' : 'retry';
  }
}

/** A delivery that no retry can make (the member left, the hook was removed). */
class PermanentFailure extends Error {}
