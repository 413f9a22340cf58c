import { Module, type OnModuleInit } from '@nestjs/common';
import { onTxEvent } from '../common/events/tx-events';
import { AuditModule } from '../audit/audit.module';
import { NetModule } from '../common/net/net.module';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { I18nService } from '../i18n/i18n.service';
import { DEVELOPMENT_SECRETS_KEY, SECRET_BOX, SecretBox } from '../publishing/secret-box';
import { QueueModule } from '../queue/queue.module';
import { PostLifecycleModule } from '../workflow/post-lifecycle.module';
import { PostTransitioned } from '../workflow/post-events';
import { ChatWebhookSender } from './delivery/chat-webhook';
import { NotificationDelivery } from './delivery/notification-delivery.service';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import { MailModule } from './mail/mail.module';
import { NotificationHooksService } from './notification-hooks.service';
import { NotificationOutbox } from './notification-outbox.service';
import { NotificationSweep } from './notification-sweep.service';
import { NotificationTriggers } from './notification-triggers';
import { NotificationWorker } from './notification-worker.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * Telling people when it is their turn: the outbox written with each workflow change
 * (NotificationTriggers, subscribed to PostTransitioned below), in-app lists and preferences,
 * and delivery by e-mail and by Teams/Slack incoming webhooks through the `notifications` queue.
 */
@Module({
  imports: [PostLifecycleModule, MailModule, NetModule, QueueModule, AuditModule],
  controllers: [NotificationsController],
  providers: [
    NotificationOutbox,
    NotificationTriggers,
    onTxEvent(PostTransitioned, NotificationTriggers, 'onTransitioned'),
    NotificationSweep,
    NotificationDelivery,
    NotificationWorker,
    NotificationsService,
    NotificationHooksService,
    ChatWebhookSender,
    {
      provide: SECRET_BOX,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SecretBox =>
        new SecretBox(config.CHANNEL_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY),
    },
  ],
  exports: [NotificationOutbox, NotificationWorker],
})
export class NotificationsModule implements OnModuleInit {
  constructor(private readonly i18n: I18nService) {}

  onModuleInit(): void {
    this.i18n.addNamespace('notifications', { en, de, nl, pl, fr, es });
  }
}
