import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The member's language, also set as Content-Language. */
  language: string;
}

/**
 * Sends e-mail through the SMTP server of SMTP_URL (nodemailer). Without SMTP_URL e-mail is
 * off: `enabled` is false, which is logged once at start, and `send` refuses.
 */
@Injectable()
export class MailerService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.SMTP_URL
      ? createTransport(config.SMTP_URL, {
          // A mail server that hangs must not hold a worker for minutes (nodemailer's defaults).
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  onModuleInit(): void {
    if (!this.transport) this.logger.log('SMTP_URL is not set: e-mail is off (in-app notifications still work)');
  }

  /** Sends one message; throws when the server refuses or cannot be reached (the caller retries). */
  async send(message: MailMessage): Promise<void> {
    if (!this.transport) throw new Error('e-mail is off (no SMTP_URL)');
    await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { 'Content-Language': message.language },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** Escapes text for the HTML part of a message. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A plain message with one call to action: the same words as text and as simple HTML. */
export function simpleMail(
  lines: string[],
  link: { label: string; url: string } | null,
): { text: string; html: string } {
  const text = [...lines, ...(link ? ['', `${link.label}: ${link.url}`] : [])].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    '</body></html>',
  ].join('\n');
  return { text, html };
}
