import { Module } from '@nestjs/common';
import { ComplianceService } from './compliance.service';
import { rulesEngineProvider } from './rules-engine.provider';

@Module({
  providers: [rulesEngineProvider, ComplianceService],
  exports: [ComplianceService],
})
export class ComplianceModule {}
