import { Clock } from '../../src/common/clock/clock';

/**
 * The app's Clock standing still on an instant the test chooses (`startTestApp(env, { clock })`
 * puts it in place of the wall clock). Everything the app decides by "now" (due, missed,
 * retry times, signing and audit instants) then reads the same instant on every run, and a
 * scenario moves time on by calling `advance`/`set` instead of waiting for it to pass.
 */
export class TestClock extends Clock {
  private instant: number;
  /** The wall-clock reading when `run()` let this clock go, or null while it stands still. */
  private runningSince: number | null = null;

  constructor(start: Date | string) {
    super();
    this.instant = new Date(start).getTime();
    if (Number.isNaN(this.instant)) throw new Error(`not an instant: ${String(start)}`);
  }

  override now(): Date {
    const elapsed = this.runningSince === null ? 0 : Date.now() - this.runningSince;
    return new Date(this.instant + elapsed);
  }

  /** Moves the clock to `at`; never backwards, which no real clock of the app's does either. */
  set(at: Date | string): Date {
    const target = new Date(at).getTime();
    const current = this.now().getTime();
    if (target < current) {
      throw new Error(`the clock reads ${new Date(current).toISOString()}, not back to ${String(at)}`);
    }
    this.instant = target;
    if (this.runningSince !== null) this.runningSince = Date.now();
    return this.now();
  }

  advance(ms: number): Date {
    return this.set(new Date(this.now().getTime() + ms));
  }

  /** Lets the clock move with the wall clock from where it stands: for the scenarios that prove real delays fire. */
  run(): void {
    if (this.runningSince === null) this.runningSince = Date.now();
  }

  /** Stops the clock on the instant it reads now. */
  stop(): Date {
    this.instant = this.now().getTime();
    this.runningSince = null;
    return this.now();
  }
}

/** `n` minutes, hours or days in milliseconds, for moving the clock in readable steps. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
