import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module';
import { CalendarModule } from '../calendar/calendar.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { AuditModule } from '../audit/audit.module';
import { ComplianceCheckService } from './compliance-check.service';
import { ComplianceController } from './compliance.controller';
import { ComplianceModule } from './compliance.module';
import { OverridesController } from './overrides.controller';
import { PostJudgeService } from './post-judge.service';
import { RuleChangeWatchService } from './rule-change-watch.service';
import { RuleChangesService } from './rule-changes.service';

/**
 * The HTTP face of compliance. Kept apart from ComplianceModule (the engine), which brands
 * and posts import, so that the check endpoints can read brands and posts without a cycle.
 */
@Module({
  imports: [ComplianceModule, BrandsModule, CalendarModule, WorkflowModule, AuditModule],
  controllers: [ComplianceController, OverridesController],
  providers: [ComplianceCheckService, PostJudgeService, RuleChangeWatchService, RuleChangesService],
})
export class ComplianceApiModule {}
