import { MediaModule } from '../media/media.module';
import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { NetModule } from '../common/net/net.module';
import { ComplianceModule } from '../compliance/compliance.module';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { I18nService } from '../i18n/i18n.service';
import { IdentityModule } from '../identity/identity.module';
import { QueueModule } from '../queue/queue.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { ChannelAdapters } from './adapters/channel-adapters';
import { FacebookAdapter } from './adapters/facebook.adapter';
import { InstagramAdapter } from './adapters/instagram.adapter';
import { LinkedInAdapter } from './adapters/linkedin.adapter';
import { LogAdapter } from './adapters/log.adapter';
import { LinkedMedia } from './adapters/social/linked-media';
import { NetworkHttp } from './adapters/social/network-http';
import { XAdapter } from './adapters/x.adapter';
import { WebhookAdapter } from './adapters/webhook.adapter';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';
import { ChannelTargetsService } from './channel-targets.service';
import { ChannelsController } from './channels.controller';
import { ChannelConnections } from './connections/channel-connections.service';
import { ConnectFlowService } from './connections/connect-flow.service';
import { ConnectionWriter } from './connections/connection-writer';
import { ConnectionsController, OAuthCallbackController } from './connections/connections.controller';
import { OAuthConnectionState } from './connections/oauth-connection-state.entity';
import { TokenRefreshProcessor } from './connections/token-refresh.processor';
import { ArchiveRecord } from './entities/archive-record.entity';
import { ChannelTarget } from './entities/channel-target.entity';
import { PublicationAttempt } from './entities/publication-attempt.entity';
import { PublicationProof } from './entities/publication-proof.entity';
import { Publication } from './entities/publication.entity';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import { PublicationsController } from './publications.controller';
import { PublicationsService } from './publications.service';
import { PublishLedger } from './publish-ledger.service';
import { PublicationRecords } from './publication-records.service';
import { ArchiveWriter } from './archive-writer.service';
import { ClaimFactsReader } from './claim-facts.service';
import { onTxEvent } from '../common/events/tx-events';
import { RunsTakenOver } from '../scheduling/scheduling-events';
import { PublishProcessor } from './publish.processor';
import { PublishRunner } from './publish-runner.service';
import { DEVELOPMENT_SECRETS_KEY, SECRET_BOX, SecretBox } from './secret-box';
import { SocialPublisher } from './social-publisher.service';
import { SocialRateLimiter } from './social-rate-limiter';
import { NotificationsModule } from '../notifications/notifications.module';

/** Messages of scheduling and publishing (errors, hold reasons), in the app's languages. */
export const PUBLISHING_I18N_NAMESPACE = 'publishing';

/**
 * Putting approved posts on their channels: channel targets and adapters, the publish job
 * (claim, re-check, send, record, roll up), publications with their attempts, and the
 * archive examiners read. The schedule itself (queue, reconciler, pauses, blackouts) is
 * SchedulingModule's.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ChannelTarget,
      Publication,
      PublicationAttempt,
      PublicationProof,
      ArchiveRecord,
      OAuthConnectionState,
    ]),
    QueueModule,
    AuditModule,
    CalendarModule,
    ComplianceModule,
    WorkflowModule,
    SchedulingModule,
    NetModule,
    MediaModule,
    IdentityModule,
    NotificationsModule,
  ],
  controllers: [
    ChannelsController,
    ConnectionsController,
    OAuthCallbackController,
    PublicationsController,
    ArchiveController,
  ],
  providers: [
    {
      provide: SECRET_BOX,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SecretBox =>
        new SecretBox(config.CHANNEL_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY),
    },
    WebhookAdapter,
    LogAdapter,
    NetworkHttp,
    LinkedMedia,
    LinkedInAdapter,
    FacebookAdapter,
    InstagramAdapter,
    XAdapter,
    SocialRateLimiter,
    SocialPublisher,
    ChannelAdapters,
    ChannelTargetsService,
    // The publish job: the ledger orchestrates; publications, attempts and the archive are written here.
    PublicationRecords,
    ArchiveWriter,
    ClaimFactsReader,
    PublishLedger,
    // In-transaction subscription (src/common/events/tx-events.ts): a dead worker's calls become `unknown`.
    onTxEvent(RunsTakenOver, PublicationRecords, 'onRunsTakenOver'),
    PublishRunner,
    PublishProcessor,
    PublicationsService,
    ArchiveService,
    ChannelConnections,
    ConnectFlowService,
    ConnectionWriter,
    TokenRefreshProcessor,
  ],
  exports: [ChannelTargetsService, ChannelConnections],
})
export class PublishingModule implements OnModuleInit {
  constructor(private readonly i18n: I18nService) {}

  onModuleInit(): void {
    this.i18n.addNamespace(PUBLISHING_I18N_NAMESPACE, { en, de, nl, pl, fr, es });
  }
}
