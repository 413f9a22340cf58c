import { DateTime } from 'luxon';
import { usFederalHolidays } from './us-federal-holidays';

/** A business-day calendar: weekends plus the listed closures, counted in one time zone. */
export interface BusinessDayCalendar {
  readonly name: string;
  /** IANA zone in which a day starts and ends for this calendar. */
  readonly timeZone: string;
  /** Closures (yyyy-mm-dd) falling in `year`, weekends excluded. */
  holidays(year: number): readonly string[];
}

function cachedCalendar(name: string, timeZone: string, source: (year: number) => string[]): BusinessDayCalendar {
  const cache = new Map<number, readonly string[]>();
  return {
    name,
    timeZone,
    holidays(year: number): readonly string[] {
      let dates = cache.get(year);
      if (dates === undefined) {
        dates = source(year);
        cache.set(year, dates);
      }
      return dates;
    },
  };
}

/** FINRA counts business days on the US federal calendar; FINRA sits in Washington and New York. */
export const US_FEDERAL_CALENDAR: BusinessDayCalendar = cachedCalendar('US', 'America/New_York', (year) =>
  usFederalHolidays(year).map((h) => h.date),
);

const CALENDARS: Record<string, BusinessDayCalendar> = { US: US_FEDERAL_CALENDAR };

export function businessCalendar(name: string): BusinessDayCalendar | undefined {
  return CALENDARS[name];
}

export const BUSINESS_CALENDAR_NAMES = Object.keys(CALENDARS);

export function isBusinessDay(localDate: string, weekday: number, calendar: BusinessDayCalendar): boolean {
  if (weekday === 6 || weekday === 7) return false; // luxon: Monday = 1 ... Sunday = 7
  return !calendar.holidays(Number(localDate.slice(0, 4))).includes(localDate);
}

/**
 * The instant `n` business days after `from`: the same wall-clock time in the calendar's zone
 * on the n-th following business day. Days are counted from the day after `from`, so a
 * filing made on a holiday still gets n full business days.
 */
export function addBusinessDays(from: Date, n: number, calendar: BusinessDayCalendar = US_FEDERAL_CALENDAR): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number >= 0, got ${n}`);
  let day = DateTime.fromJSDate(from, { zone: calendar.timeZone });
  let remaining = n;
  while (remaining > 0) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day.toISODate() as string, day.weekday, calendar)) remaining--;
  }
  return day.toJSDate();
}
