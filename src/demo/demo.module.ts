import { Module } from '@nestjs/common';
import { BrandsModule } from '../brands/brands.module';
import { CalendarModule } from '../calendar/calendar.module';
import { PublishingModule } from '../publishing/publishing.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { DemoSeederService } from './demo-seeder.service';

@Module({ imports: [BrandsModule, CalendarModule, WorkflowModule, PublishingModule], providers: [DemoSeederService] })
export class DemoModule {}
