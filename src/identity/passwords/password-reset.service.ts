import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { sha256Hex } from '../../common/domain/canonical-json';
import { DomainRuleError, TooManyRequestsError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { I18nService, type Language, SUPPORTED_LANGUAGES } from '../../i18n/i18n.service';
import { MailerService, simpleMail } from '../../notifications/mail/mailer.service';
import { AuthService } from '../auth.service';
import { LoginAttemptsService } from '../login/login-attempts.service';
import { PasswordsService } from './passwords.service';
import { ResetLimiter } from './reset-limiter';
import { Clock } from '../../common/clock/clock';

/** How long a reset link works; it works once. */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

/**
 * Password reset by e-mail. The request answers the same (202) whatever the address, and
 * before any per-account work is done: looking the account up, minting the token and sending
 * the mail happen after the answer, so neither body nor timing tells whether it exists. Only
 * the token's SHA-256 is stored; confirming uses it once, sets the password and revokes every
 * token the account had (all devices signed out).
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly attempts: LoginAttemptsService,
    private readonly audit: AuditService,
    private readonly mailer: MailerService,
    private readonly i18n: I18nService,
    private readonly limiter: ResetLimiter,
    private readonly passwords: PasswordsService,
  ) {}

  /** Resolves once the request is accepted; the e-mail (if any) follows in the background. */
  async request(email: string, clientAddress: string, fallbackLanguage: Language): Promise<void> {
    const budget = await this.limiter.take(clientAddress, email);
    if (!budget.addressOk) {
      throw new TooManyRequestsError(
        'RATE_LIMITED',
        'identity:errors.resetLimited',
        { seconds: budget.retryAfterSeconds },
        { retryAfterSeconds: budget.retryAfterSeconds },
      );
    }
    if (!budget.accountOk) return;
    void this.sendLink(email.toLowerCase(), fallbackLanguage).catch((error: unknown) => {
      this.logger.error({ err: error }, 'password reset e-mail could not be sent');
    });
  }

  /** Mints a token for a known account and mails the link; nothing for an unknown one. */
  async sendLink(email: string, fallbackLanguage: Language): Promise<void> {
    const rows = await this.dataSource.query<{ id: string; name: string; language: string | null }[]>(
      `SELECT u.id, u.name, (SELECT m.language FROM memberships m WHERE m.user_id = u.id ORDER BY m.created_at LIMIT 1) AS language
         FROM users u WHERE u.email = $1`,
      [email],
    );
    const user = rows[0];
    if (!user) return;
    if (!this.mailer.enabled) {
      this.logger.warn({ userId: user.id }, 'password reset asked for, but e-mail is off (no SMTP_URL)');
      return;
    }
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3)`,
      [user.id, sha256Hex(token), new Date(this.clock.now().getTime() + RESET_TOKEN_TTL_MS)],
    );
    const lang = (SUPPORTED_LANGUAGES as readonly string[]).includes(user.language ?? '')
      ? (user.language as Language)
      : fallbackLanguage;
    const t = (key: string, params: Record<string, unknown> = {}): string =>
      this.i18n.t(`identity:mail.passwordReset.${key}`, lang, params);
    const url = `${this.config.publicUrl}/reset-password#token=${token}`;
    const body = simpleMail(
      [t('greeting', { name: user.name }), t('body', { minutes: RESET_TOKEN_TTL_MS / 60000 }), t('ignore')],
      {
        label: t('action'),
        url,
      },
    );
    await this.mailer.send({ to: email, subject: t('subject'), language: lang, ...body });
  }

  /** Sets the new password if the token is live and unused; 422 RESET_TOKEN_INVALID otherwise. */
  async confirm(token: string, newPassword: string): Promise<void> {
    const hash = await argon2.hash(newPassword);
    await this.dataSource.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; user_id: string; email: string; name: string }[]>(
        `SELECT t.id, t.user_id, u.email, u.name FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() FOR UPDATE OF t`,
        [sha256Hex(token)],
      );
      const row = rows[0];
      if (!row) {
        throw new DomainRuleError('RESET_TOKEN_INVALID', 'identity:errors.resetTokenInvalid', {}, [
          { field: 'token', constraints: { valid: 'invalid' } },
        ]);
      }
      PasswordsService.assertStrong(
        newPassword,
        await this.passwords.contextOf(tx, row.email, row.name),
        'newPassword',
      );
      await tx.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [row.user_id, hash]);
      // Every link of the account dies with the one used, not just that one.
      await tx.query(`UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [
        row.user_id,
      ]);
      await this.auth.revokeTokens(row.user_id, tx);
      const chains = await this.attempts.workspaceChains(row.user_id);
      await this.audit.recordMany(
        chains.map((workspaceId) => ({
          workspaceId,
          actor: { kind: 'user' as const, userId: row.user_id },
          action: 'auth.password_reset',
          subject: `user:${row.user_id}`,
        })),
        tx,
      );
    });
  }
}
