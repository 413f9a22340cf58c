import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../common/errors/validation-details';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { I18nService, type Language } from '../i18n/i18n.service';
import type { WorkspaceMember } from '../common/domain/actor';
import { AuthService } from '../identity/auth.service';
import { renderNotification } from './delivery/notification-messages';
import type {
  MarkReadDto,
  NotificationListDto,
  NotificationPreferencesDto,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import {
  DEFAULT_MODE,
  MANDATORY_EVENTS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  type NotificationMode,
  postPath,
} from './notification-events';

interface Row {
  id: string;
  event: NotificationEvent;
  post_id: string | null;
  params: Record<string, string>;
  created_at: Date;
  read_at: Date | null;
}

/** A member's in-app notifications and their choices per event; always the caller's own. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly i18n: I18nService,
  ) {}

  async list(
    member: WorkspaceMember,
    unreadOnly: boolean,
    limit: number,
    lang: Language,
  ): Promise<NotificationListDto> {
    const userId = AuthService.requireUser(member.actor);
    const rows = await this.dataSource.query<Row[]>(
      `SELECT id, event, post_id, params, created_at, read_at FROM notifications
        WHERE workspace_id = $1 AND user_id = $2 AND ($3 = false OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [member.workspaceId, userId, unreadOnly, limit],
    );
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notifications WHERE workspace_id = $1 AND user_id = $2 AND read_at IS NULL`,
      [member.workspaceId, userId],
    );
    return {
      unreadCount: n,
      items: rows.map((row) => {
        const message = renderNotification(this.i18n, lang, '', {
          event: row.event,
          postId: row.post_id,
          params: row.params,
        });
        return {
          id: row.id,
          event: row.event,
          postId: row.post_id,
          subject: message.subject,
          body: message.body,
          path: row.post_id ? postPath(row.event, row.post_id) : '/',
          createdAt: row.created_at.toISOString(),
          readAt: row.read_at?.toISOString() ?? null,
        };
      }),
    };
  }

  async markRead(member: WorkspaceMember, dto: MarkReadDto): Promise<void> {
    const userId = AuthService.requireUser(member.actor);
    if (!dto.all && !dto.ids?.length) throw new ValidationFailedError([{ field: 'ids', code: 'required' }]);
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now()
        WHERE workspace_id = $1 AND user_id = $2 AND read_at IS NULL AND ($3 OR id = ANY($4::uuid[]))`,
      [member.workspaceId, userId, dto.all === true, dto.ids ?? []],
    );
  }

  async preferences(member: WorkspaceMember): Promise<NotificationPreferencesDto> {
    const userId = AuthService.requireUser(member.actor);
    const rows = await this.dataSource.query<{ event: NotificationEvent; mode: NotificationMode }[]>(
      `SELECT event, mode FROM notification_preferences WHERE workspace_id = $1 AND user_id = $2`,
      [member.workspaceId, userId],
    );
    const chosen = new Map(rows.map((r) => [r.event, r.mode]));
    return {
      digestHourUtc: this.config.NOTIFICATION_DIGEST_HOUR,
      items: NOTIFICATION_EVENTS.map((event) => ({
        event,
        mode: chosen.get(event) ?? DEFAULT_MODE,
        mandatory: MANDATORY_EVENTS.includes(event),
      })),
    };
  }

  /** 400 naming each mandatory event someone tries to switch off; nothing is saved then. */
  async updatePreferences(
    member: WorkspaceMember,
    dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    const userId = AuthService.requireUser(member.actor);
    const changes = NOTIFICATION_EVENTS.flatMap((event) => (dto[event] ? [{ event, mode: dto[event] }] : []));
    const refused = changes.filter((c) => c.mode === 'off' && MANDATORY_EVENTS.includes(c.event));
    if (refused.length > 0) {
      throw new ValidationFailedError(refused.map((c) => ({ field: c.event, code: 'mandatory' as const })));
    }
    if (changes.length > 0) {
      await this.dataSource.query(
        `INSERT INTO notification_preferences (workspace_id, user_id, event, mode)
         SELECT $1, $2, v.event, v.mode FROM unnest($3::text[], $4::text[]) AS v(event, mode)
         ON CONFLICT (workspace_id, user_id, event) DO UPDATE SET mode = EXCLUDED.mode, updated_at = now()`,
        [member.workspaceId, userId, changes.map((c) => c.event), changes.map((c) => c.mode)],
      );
    }
    return this.preferences(member);
  }
}
