import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { AuditVerifyService } from './audit-verify.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CheckpointsController } from './checkpoints.controller';
import { AUDIT_SIGNING_KEY, CheckpointsService } from './checkpoints.service';
import { parseSigningKey } from './domain/signing-key';
import { AuditEntry } from './entities/audit-entry.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditController, CheckpointsController],
  providers: [
    AuditService,
    AuditVerifyService,
    CheckpointsService,
    {
      provide: AUDIT_SIGNING_KEY,
      useFactory: (config: AppConfig) => parseSigningKey(config.AUDIT_SIGNING_KEY),
      inject: [APP_CONFIG],
    },
  ],
  exports: [AuditService],
})
export class AuditModule {}
