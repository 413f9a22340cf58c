import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Feed } from './entities/feed.entity';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({
  imports: [TypeOrmModule.forFeature([Feed]), AuditModule],
  controllers: [FeedsController],
  providers: [FeedsService],
})
export class FeedsModule {}
