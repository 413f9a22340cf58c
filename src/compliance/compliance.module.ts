import { Module } from '@nestjs/common';
import { ComplianceService } from './compliance.service';
import { KnownJurisdictionConstraint } from './known-jurisdiction.constraint';

@Module({
  providers: [ComplianceService, KnownJurisdictionConstraint],
  exports: [ComplianceService, KnownJurisdictionConstraint],
})
export class ComplianceModule {}
