import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ComplianceCheckService } from './compliance-check.service';
import { ComplianceController } from './compliance.controller';
import { ComplianceModule } from './compliance.module';
import { OverridesController } from './overrides.controller';

/**
 * The HTTP face of compliance. Kept apart from ComplianceModule (the engine), which brands
 * and posts import, so that the check endpoints can read brands and posts without a cycle.
 */
@Module({
  imports: [ComplianceModule, BrandsModule, CalendarModule],
  controllers: [ComplianceController, OverridesController],
  providers: [ComplianceCheckService],
})
export class ComplianceApiModule {}
