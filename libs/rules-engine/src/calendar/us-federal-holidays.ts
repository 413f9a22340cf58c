export interface Holiday {
  name: string;
  /** The day offices close, yyyy-mm-dd (the observed date when the holiday falls on a weekend). */
  date: string;
  observed: boolean;
}

/**
 * US federal holidays (5 U.S.C. 6103) as observed in `year`: a Saturday holiday is observed
 * on the Friday before, a Sunday one on the Monday after. Juneteenth counts from 2021. New
 * Year's Day of the next year observed on 31 December belongs to this year's list, because
 * that is the day business stops.
 */
export function usFederalHolidays(year: number): Holiday[] {
  const fixed = (month: number, day: number, name: string, since = 0): Holiday[] =>
    year >= since ? [observe(name, year, month, day)] : [];
  const list: Holiday[] = [
    ...fixed(1, 1, "New Year's Day"),
    floating(year, 1, 1, 3, 'Birthday of Martin Luther King, Jr.'),
    floating(year, 2, 1, 3, "Washington's Birthday"),
    lastWeekday(year, 5, 1, 'Memorial Day'),
    ...fixed(6, 19, 'Juneteenth National Independence Day', 2021),
    ...fixed(7, 4, 'Independence Day'),
    floating(year, 9, 1, 1, 'Labor Day'),
    floating(year, 10, 1, 2, 'Columbus Day'),
    ...fixed(11, 11, 'Veterans Day'),
    floating(year, 11, 4, 4, 'Thanksgiving Day'),
    ...fixed(12, 25, 'Christmas Day'),
  ];
  const nextNewYear = observe("New Year's Day", year + 1, 1, 1);
  const inYear = list.filter((h) => h.date.startsWith(`${year}-`));
  if (nextNewYear.date.startsWith(`${year}-`)) inYear.push(nextNewYear);
  return inYear.sort((a, b) => a.date.localeCompare(b.date));
}

function observe(name: string, year: number, month: number, day: number): Holiday {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay();
  if (weekday === 6) return { name, date: iso(addDays(date, -1)), observed: true };
  if (weekday === 0) return { name, date: iso(addDays(date, 1)), observed: true };
  return { name, date: iso(date), observed: false };
}

/** The `nth` given weekday (0 = Sunday) of a month. */
function floating(year: number, month: number, weekday: number, nth: number, name: string): Holiday {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (weekday - first.getUTCDay() + 7) % 7;
  return { name, date: iso(addDays(first, offset + (nth - 1) * 7)), observed: false };
}

function lastWeekday(year: number, month: number, weekday: number, name: string): Holiday {
  const last = new Date(Date.UTC(year, month, 0));
  const offset = (last.getUTCDay() - weekday + 7) % 7;
  return { name, date: iso(addDays(last, -offset)), observed: false };
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}
