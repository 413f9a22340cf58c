import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ComplianceService } from './compliance.service';
import { KnownJurisdictionConstraint } from './known-jurisdiction.constraint';
import { WorkspaceOverridesService } from './workspace-overrides.service';

@Module({
  imports: [AuditModule],
  providers: [ComplianceService, KnownJurisdictionConstraint, WorkspaceOverridesService],
  exports: [ComplianceService, KnownJurisdictionConstraint, WorkspaceOverridesService],
})
export class ComplianceModule {}
