import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { I18nService } from '../i18n/i18n.service';
import { MediaModule } from '../media/media.module';
import { PostLifecycleModule } from '../workflow/post-lifecycle.module';
import { CALENDAR_I18N_NAMESPACE } from './calendar-i18n';
import { CalendarService } from './calendar.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { Campaign } from './entities/campaign.entity';
import { PostRevision } from './entities/post-revision.entity';
import { Post } from './entities/post.entity';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import { PostListService } from './post-list.service';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Campaign, Post, PostRevision]),
    AuditModule,
    ComplianceModule,
    PostLifecycleModule,
    MediaModule,
  ],
  controllers: [PostsController, CampaignsController],
  providers: [PostsService, PostListService, CampaignsService, CalendarService],
  exports: [PostsService, CampaignsService, CalendarService],
})
export class CalendarModule implements OnModuleInit {
  constructor(private readonly i18n: I18nService) {}

  onModuleInit(): void {
    this.i18n.addNamespace(CALENDAR_I18N_NAMESPACE, { en, de, nl, pl, fr, es });
  }
}
