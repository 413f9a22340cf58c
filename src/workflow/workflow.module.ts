import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { I18nService } from '../i18n/i18n.service';
import { DecisionsService } from './decisions.service';
import { Filing } from './entities/filing.entity';
import { ReviewDecision } from './entities/review-decision.entity';
import { ReviewStage } from './entities/review-stage.entity';
import { Submission } from './entities/submission.entity';
import { FilingsController } from './filings.controller';
import { FilingsService } from './filings.service';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import { onTxEvent } from '../common/events/tx-events';
import { PostEdited } from '../calendar/post-events';
import { PostTransitioned } from './post-events';
import { PostLifecycleModule } from './post-lifecycle.module';
import { PostWorkflowController } from './post-workflow.controller';
import { PublicationClearanceService } from './publication-clearance.service';
import { ReviewQueueController } from './review-queue.controller';
import { ReviewQueueService } from './review-queue.service';
import { ReviewRecordsService } from './review-records.service';
import { ReviewRoundsService } from './review-rounds.service';
import { ReviewSweeperService } from './review-sweeper.service';
import { SubmissionsService } from './submissions.service';
import { WorkflowViewService } from './workflow-view.service';
import { ReviewCalendarController } from './review-calendar/review-calendar.controller';
import { ReviewCalendar } from './review-calendar/review-calendar.entity';
import { ReviewCalendarService } from './review-calendar/review-calendar.service';

export const WORKFLOW_I18N_NAMESPACE = 'workflow';

/**
 * The approval workflow: the post state machine (PostTransitionsService, the only writer of
 * posts.status), submissions, stages and signatures, deadlines and filings. Other modules
 * import it for PostTransitionsService and PublicationClearanceService ("may this post go out,
 * and on whose approvals"). It requires a ScheduleGate (schedule-gate.ts), bound by the
 * scheduling module, and listens to PostEdited and PostTransitioned in-transaction.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Submission, ReviewStage, ReviewDecision, Filing, ReviewCalendar]),
    AuditModule,
    PostLifecycleModule,
    CalendarModule,
    ComplianceModule,
  ],
  controllers: [PostWorkflowController, ReviewQueueController, FilingsController, ReviewCalendarController],
  providers: [
    ReviewRecordsService,
    PublicationClearanceService,
    // Requires a ScheduleGate provider: SchedulingModule binds it (ScheduleGateModule, global).
    ReviewRoundsService,
    // In-transaction subscriptions (src/common/events/tx-events.ts).
    onTxEvent(PostEdited, ReviewRoundsService, 'onEdited'),
    WorkflowViewService,
    SubmissionsService,
    DecisionsService,
    FilingsService,
    onTxEvent(PostTransitioned, FilingsService, 'onTransitioned'),
    ReviewQueueService,
    ReviewSweeperService,
    ReviewCalendarService,
  ],
  exports: [
    PostLifecycleModule,
    PublicationClearanceService,
    ReviewSweeperService,
    SubmissionsService,
    DecisionsService,
    ReviewRecordsService,
  ],
})
export class WorkflowModule implements OnModuleInit {
  constructor(private readonly i18n: I18nService) {}

  onModuleInit(): void {
    this.i18n.addNamespace(WORKFLOW_I18N_NAMESPACE, { en, de, nl, pl, fr, es });
  }
}
