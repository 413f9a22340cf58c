import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { PostLifecycleModule } from '../workflow/post-lifecycle.module';
import { CalendarService } from './calendar.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { Campaign } from './entities/campaign.entity';
import { PostRevision } from './entities/post-revision.entity';
import { Post } from './entities/post.entity';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Campaign, Post, PostRevision]), AuditModule, ComplianceModule, PostLifecycleModule],
  controllers: [PostsController, CampaignsController],
  providers: [PostsService, CampaignsService, CalendarService],
  exports: [PostsService, CampaignsService, CalendarService],
})
export class CalendarModule {}
