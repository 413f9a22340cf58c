import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service';

/** E-mail out (SMTP_URL); used by password reset (identity) and notifications. */
@Module({ providers: [MailerService], exports: [MailerService] })
export class MailModule {}
