import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PostTransitionsService } from './post-transitions.service';

/**
 * Holds the one writer of `posts.status`, apart from the rest of the workflow so that the
 * calendar (whose edits send a post back to draft) can use it without a module cycle.
 */
@Module({
  imports: [AuditModule],
  providers: [PostTransitionsService],
  exports: [PostTransitionsService],
})
export class PostLifecycleModule {}
