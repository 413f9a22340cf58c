import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/app-error';
import { ValidationFailedError } from '../common/errors/validation-details';
import { DestinationGuard } from '../common/net/destination-guard';
import type { WorkspaceMember } from '../common/domain/actor';
import { SECRET_BOX, type SecretBox } from '../publishing/secret-box';
import { HOOK_KINDS, type HookKind, type NotificationHookListDto } from './dto/notifications.dto';

/**
 * A workspace's Teams and Slack incoming webhooks. The URL carries the webhook's secret, so it
 * is stored sealed and only its host is ever shown or audited; it is checked against the
 * destination guard here and again before every message.
 */
@Injectable()
export class NotificationHooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly guard: DestinationGuard,
    private readonly audit: AuditService,
  ) {}

  /** A kind from the path; anything else is a resource that does not exist (404). */
  static kind(value: string): HookKind {
    if (!(HOOK_KINDS as readonly string[]).includes(value)) {
      throw new NotFoundError('notification-hook', value.slice(0, 40));
    }
    return value as HookKind;
  }

  async list(workspaceId: string): Promise<NotificationHookListDto> {
    const rows = await this.dataSource.query<{ kind: HookKind; host: string; updated_at: Date }[]>(
      `SELECT kind, host, updated_at FROM notification_hooks WHERE workspace_id = $1 ORDER BY kind`,
      [workspaceId],
    );
    return { items: rows.map((r) => ({ kind: r.kind, host: r.host, updatedAt: r.updated_at.toISOString() })) };
  }

  async set(member: WorkspaceMember, kind: HookKind, url: string): Promise<NotificationHookListDto> {
    const target = new URL(url);
    const refusal = await this.guard.refusalAtConfiguration(target);
    if (refusal) throw new ValidationFailedError([{ field: 'url', code: 'isUrl', params: { reason: refusal } }]);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO notification_hooks (workspace_id, kind, url_sealed, host) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, kind) DO UPDATE SET url_sealed = EXCLUDED.url_sealed, host = EXCLUDED.host, updated_at = now()`,
        [member.workspaceId, kind, this.secrets.seal(url), target.host],
      );
      await this.audit.recordMany(
        [
          {
            workspaceId: member.workspaceId,
            actor: member.actor,
            action: 'notifications.hook_set',
            subject: `notification-hook:${kind}`,
            data: { host: target.host },
          },
        ],
        tx,
      );
    });
    return this.list(member.workspaceId);
  }

  async remove(member: WorkspaceMember, kind: HookKind): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [, count] = await tx.query<[unknown, number]>(
        `DELETE FROM notification_hooks WHERE workspace_id = $1 AND kind = $2`,
        [member.workspaceId, kind],
      );
      if (count === 0) throw new NotFoundError('notification-hook', kind);
      await this.audit.recordMany(
        [
          {
            workspaceId: member.workspaceId,
            actor: member.actor,
            action: 'notifications.hook_removed',
            subject: `notification-hook:${kind}`,
          },
        ],
        tx,
      );
    });
  }
}
