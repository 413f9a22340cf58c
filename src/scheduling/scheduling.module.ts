import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { QueueModule } from '../queue/queue.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { onTxEvent } from '../common/events/tx-events';
import { PostEdited } from '../calendar/post-events';
import { PostTransitioned } from '../workflow/post-events';
import { AfterCommit } from './after-commit';
import { BlackoutsController } from './blackouts.controller';
import { BlackoutsService } from './blackouts.service';
import { Blackout } from './entities/blackout.entity';
import { Pause } from './entities/pause.entity';
import { PublishSchedule } from './entities/publish-schedule.entity';
import { PausesController } from './pauses.controller';
import { PausesService } from './pauses.service';
import { PublishQueue } from './publish-queue.service';
import { PublishScheduleGate } from './publish-schedule-gate';
import { Reconciler } from './reconciler.service';
import { ReleaseController } from './release.controller';
import { RescheduleController } from './reschedule.controller';
import { RescheduleService } from './reschedule.service';
import { ReleaseService } from './release.service';
import { RestrictionsService } from './restrictions.service';
import { ScheduleStore } from './schedule-store.service';
import { ScheduleSync } from './schedule-sync.service';
import { newWorkerId, WORKER_ID } from './worker-identity';

/**
 * When posts go out: the Bull queue of delayed publish jobs (and its reconciler), crisis
 * pauses, blackout windows, releases. The only writer of `publish_schedule` (ScheduleStore).
 * Provides the workflow's ScheduleGate (ScheduleGateModule binds it globally) and publishes
 * RunsTakenOver (scheduling-events.ts) when it takes runs from a dead worker. Publishing (the
 * job itself) builds on this module.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Pause, Blackout, PublishSchedule]),
    QueueModule,
    AuditModule,
    ComplianceModule,
    CalendarModule,
    WorkflowModule,
  ],
  controllers: [PausesController, BlackoutsController, ReleaseController, RescheduleController],
  providers: [
    RescheduleService,
    AfterCommit,
    PublishQueue,
    RestrictionsService,
    ScheduleStore,
    PublishScheduleGate,
    PausesService,
    BlackoutsService,
    ReleaseService,
    ScheduleSync,
    // In-transaction subscriptions (src/common/events/tx-events.ts): drop Redis jobs of posts leaving the schedule.
    onTxEvent(PostEdited, ScheduleSync, 'onEdited'),
    onTxEvent(PostTransitioned, ScheduleSync, 'onTransitioned'),
    Reconciler,
    { provide: WORKER_ID, useFactory: newWorkerId },
  ],
  exports: [AfterCommit, PublishQueue, RestrictionsService, ScheduleStore, PublishScheduleGate, Reconciler, WORKER_ID],
})
export class SchedulingModule {}
