import { DateTime, IANAZone } from 'luxon';

export type ScheduleProblem = 'invalid_timezone' | 'invalid_instant' | 'nonexistent_local_time';

export type ScheduleResult = { ok: true; instant: Date } | { ok: false; problem: ScheduleProblem };

const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Resolves a schedule to a UTC instant. An ISO string with an offset (or Z) is an instant;
 * one without is a wall-clock time in `timezone`, so "09:30 Europe/Berlin" lands at 08:30Z
 * in winter and 07:30Z in summer. A wall-clock time skipped by a DST change does not exist
 * and is refused rather than silently moved.
 */
export function resolveScheduledAt(value: string, timezone: string): ScheduleResult {
  if (!isValidTimeZone(timezone)) return { ok: false, problem: 'invalid_timezone' };
  if (WITH_OFFSET.test(value)) {
    const instant = DateTime.fromISO(value, { setZone: true });
    return instant.isValid ? { ok: true, instant: instant.toJSDate() } : { ok: false, problem: 'invalid_instant' };
  }
  const local = DateTime.fromISO(value, { zone: timezone });
  if (!local.isValid) return { ok: false, problem: 'invalid_instant' };
  // Luxon shifts a non-existent time forward; detect it by reading the wall clock back.
  const requested = DateTime.fromISO(value, { zone: 'UTC' });
  if (local.hour !== requested.hour || local.minute !== requested.minute) {
    return { ok: false, problem: 'nonexistent_local_time' };
  }
  return { ok: true, instant: local.toJSDate() };
}

/** The instant as the marketer sees it: ISO with the zone's offset at that instant. */
export function toLocalIso(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? instant.toISOString();
}
