import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PostTransitionsService } from './post-transitions.service';
import { WorkflowClock } from './workflow-clock';

/**
 * Holds the one writer of `posts.status`, apart from the rest of the workflow so that the
 * calendar (whose edits send a post back to draft) can use it without a module cycle; with it
 * the workflow clock, which also says whether a schedule is still in the future.
 */
@Module({
  imports: [AuditModule],
  providers: [PostTransitionsService, WorkflowClock],
  exports: [PostTransitionsService, WorkflowClock],
})
export class PostLifecycleModule {}
