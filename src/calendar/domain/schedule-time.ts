import { DateTime, IANAZone } from 'luxon';

export type ScheduleProblem =
  | 'invalid_timezone'
  | 'invalid_instant'
  | 'nonexistent_local_time'
  | 'ambiguous_local_time';

export type ScheduleResult =
  | { ok: true; instant: Date }
  | { ok: false; problem: Exclude<ScheduleProblem, 'ambiguous_local_time'> }
  /** Both readings of a wall time that a DST change repeats, earlier first (e.g. +02:00 then +01:00). */
  | { ok: false; problem: 'ambiguous_local_time'; offsets: [string, string] };

const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Zones found valid so far. luxon builds an Intl.DateTimeFormat on every check (a measurable
 * share of a create or check request); the valid zones are a finite set, invalid input is not
 * remembered so hostile strings cannot grow the cache.
 */
const VALID_ZONES = new Set<string>();

export function isValidTimeZone(zone: string): boolean {
  if (VALID_ZONES.has(zone)) return true;
  const valid = IANAZone.isValidZone(zone);
  if (valid) VALID_ZONES.add(zone);
  return valid;
}

/**
 * Resolves a schedule to a UTC instant. An ISO string with an offset (or Z) is an instant;
 * one without is a wall-clock time in `timezone`, so "09:30 Europe/Berlin" lands at 08:30Z
 * in winter and 07:30Z in summer. A wall-clock time skipped by a DST change does not exist
 * and is refused rather than silently moved. One that a DST change repeats (02:30 on the last
 * Sunday of October in Berlin happens twice) names two instants: with `refuseAmbiguous` it is
 * refused with both offsets, so a post is never published an hour off; without, the later
 * reading (standard time) stands: the stateless compliance check only needs the rules in force that day.
 */
export function resolveScheduledAt(
  value: string,
  timezone: string,
  options: { refuseAmbiguous?: boolean } = {},
): ScheduleResult {
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
  if (options.refuseAmbiguous) {
    const readings = wallTimeReadings(requested, timezone);
    if (readings.length > 1) {
      return {
        ok: false,
        problem: 'ambiguous_local_time',
        offsets: [readings[0].toFormat('ZZ'), readings[1].toFormat('ZZ')],
      };
    }
  }
  return { ok: true, instant: local.toJSDate() };
}

/**
 * Every instant whose wall clock in `timezone` reads `wall` (given as a UTC DateTime holding the
 * wall-clock fields): one normally, none in a gap, two in an overlap. Offsets change by at most
 * a few hours, so trying the offsets in force a day either side finds both readings.
 */
function wallTimeReadings(wall: DateTime, timezone: string): DateTime[] {
  const zone = IANAZone.create(timezone);
  const candidates = new Set([
    zone.offset(wall.minus({ days: 1 }).toMillis()),
    zone.offset(wall.toMillis()),
    zone.offset(wall.plus({ days: 1 }).toMillis()),
  ]);
  const readings: DateTime[] = [];
  for (const offset of candidates) {
    const instant = wall.toMillis() - offset * 60_000;
    if (zone.offset(instant) === offset) readings.push(DateTime.fromMillis(instant, { zone: timezone }));
  }
  return readings.sort((a, b) => a.toMillis() - b.toMillis());
}

/** The instant as the marketer sees it: ISO with the zone's offset at that instant. */
export function toLocalIso(instant: Date, timezone: string): string {
  return (
    DateTime.fromJSDate(instant, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? instant.toISOString()
  );
}
