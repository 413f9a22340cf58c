import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PostTransitionsService } from './post-transitions.service';

@Module({
  imports: [AuditModule],
  providers: [PostTransitionsService],
  exports: [PostTransitionsService],
})
export class WorkflowModule {}
