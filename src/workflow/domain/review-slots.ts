import { DateTime } from 'luxon';

/** When a workspace's reviewers work: a zone, daily hours and ISO weekdays (1 = Monday). */
export interface WorkingTime {
  timezone: string;
  /** "HH:MM", wall-clock time in `timezone`. */
  start: string;
  end: string;
  workingDays: readonly number[];
  /** Whether an ISO date (YYYY-MM-DD) is a public holiday of the team. */
  isHoliday: (isoDate: string) => boolean;
}

/** Mon-Fri 09:00-17:00, no holidays: the team's time until a workspace sets its own. */
export const DEFAULT_WORKING_TIME: Omit<WorkingTime, 'timezone'> = {
  start: '09:00',
  end: '17:00',
  workingDays: [1, 2, 3, 4, 5],
  isHoliday: () => false,
};

/** Two years of days without a working one means the calendar has none at all. */
const MAX_DAYS_BACK = 2 * 366;

/**
 * The latest instant at or before `latest` inside working hours: `latest` itself when it falls
 * in a working slot, else the end of the previous working day's slot. A deadline computed as
 * "scheduled time minus lead time" thus lands where someone can meet it (17:00 on Friday, not
 * 04:00 on Monday), never later than the lead time asks. Hours are wall-clock times in the
 * team's zone, so 17:00 stays 17:00 across DST changes.
 */
export function previousWorkingInstant(latest: Date, time: WorkingTime): Date {
  const local = DateTime.fromJSDate(latest, { zone: time.timezone });
  const isWorkingDay = (day: DateTime): boolean =>
    time.workingDays.includes(day.weekday) && !time.isHoliday(day.toISODate() as string);
  if (isWorkingDay(local)) {
    const start = atWallTime(local, time.start, time.timezone);
    const end = atWallTime(local, time.end, time.timezone);
    if (local >= end) return end.toJSDate();
    if (local >= start) return latest;
  }
  let day = local.startOf('day');
  for (let i = 0; i < MAX_DAYS_BACK; i++) {
    day = day.minus({ days: 1 });
    if (isWorkingDay(day)) return atWallTime(day, time.end, time.timezone).toJSDate();
  }
  throw new RangeError('the review calendar has no working day in two years');
}

function atWallTime(day: DateTime, hhmm: string, zone: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
}

/** "HH:MM" from 00:00 to 23:59. */
export function isWallTime(value: unknown): value is string {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
