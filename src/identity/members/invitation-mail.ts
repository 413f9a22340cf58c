import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { I18nService, type Language } from '../../i18n/i18n.service';
import { MailerService, simpleMail } from '../../notifications/mail/mailer.service';
import type { Invitation } from '../entities/invitation.entity';

/**
 * The invitation link by e-mail, in the invitation's language, when SMTP_URL is set. The admin
 * gets the link in the answer either way, so a mail that cannot be sent is logged, never an error.
 */
@Injectable()
export class InvitationMail {
  private readonly logger = new Logger('Invitations');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: MailerService,
    private readonly i18n: I18nService,
  ) {}

  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** Sends in the background; the invitation is already committed. */
  sendInBackground(invitation: Invitation, acceptUrl: string): void {
    if (!this.mailer.enabled) return;
    void this.send(invitation, acceptUrl).catch((error: unknown) => {
      this.logger.error({ err: error, invitationId: invitation.id }, 'invitation e-mail could not be sent');
    });
  }

  private async send(invitation: Invitation, acceptUrl: string): Promise<void> {
    const [names] = await this.dataSource.query<{ inviter: string; workspace: string }[]>(
      `SELECT (SELECT name FROM users WHERE id = $1) AS inviter, (SELECT name FROM workspaces WHERE id = $2) AS workspace`,
      [invitation.invitedBy, invitation.workspaceId],
    );
    const lang = invitation.language as Language;
    const t = (key: string, params: Record<string, unknown> = {}): string =>
      this.i18n.t(`identity:mail.invitation.${key}`, lang, params);
    const expires = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(invitation.expiresAt);
    const body = simpleMail(
      [
        invitation.name ? t('greetingNamed', { name: invitation.name }) : t('greeting'),
        t('body', { inviter: names.inviter, workspace: names.workspace, roles: invitation.roles.join(', ') }),
        t('expiry', { date: expires }),
        t('ignore'),
      ],
      { label: t('action'), url: acceptUrl },
    );
    const subject = t('subject', { workspace: names.workspace });
    await this.mailer.send({ to: invitation.email, subject, language: lang, ...body });
  }
}
