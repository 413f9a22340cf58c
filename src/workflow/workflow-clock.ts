import { Injectable } from '@nestjs/common';

/**
 * The workflow's notion of "now" (signing times, expiry, deadlines, filing checks). One
 * injectable seam so scenario tests can stand on a fixed instant without faking timers in
 * a process that also talks to Postgres.
 */
@Injectable()
export class WorkflowClock {
  now(): Date {
    return new Date();
  }
}
