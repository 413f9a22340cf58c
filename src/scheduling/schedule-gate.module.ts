import { Global, Module } from '@nestjs/common';
import { ScheduleGate } from '../workflow/schedule-gate';
import { PublishScheduleGate } from './publish-schedule-gate';
import { SchedulingModule } from './scheduling.module';

/** Binds the workflow's ScheduleGate token to the scheduling gate (see workflow/schedule-gate.ts). */
@Global()
@Module({
  imports: [SchedulingModule],
  providers: [{ provide: ScheduleGate, useExisting: PublishScheduleGate }],
  exports: [ScheduleGate],
})
export class ScheduleGateModule {}
