import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ComplianceService } from './compliance.service';
import { WorkspaceOverridesService } from './workspace-overrides.service';

@Module({
  imports: [AuditModule],
  providers: [ComplianceService, WorkspaceOverridesService],
  exports: [ComplianceService, WorkspaceOverridesService],
})
export class ComplianceModule {}
