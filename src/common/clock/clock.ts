import { Injectable } from '@nestjs/common';

/**
 * The app's one notion of "now": signing times, expiry, deadlines, filing checks, the
 * publish job's due and missed judgements, audit timestamps. Every service asks this provider
 * rather than `new Date()`, so a scenario test can stand on a fixed instant (a TestClock given
 * to `createApp`, see test/support/test-clock.ts, or `jest.spyOn(app.get(Clock), 'now')`)
 * without faking timers in a process that also talks to Postgres and Redis.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
