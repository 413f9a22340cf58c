import Holidays from 'date-holidays';

/**
 * Public holidays from date-holidays (a maintained, data-driven library), never hand-written
 * tables. Only days of type `public` count: bank holidays and observances are working days.
 */
export function isHolidayRegion(country: string, state: string | null): boolean {
  const catalogue = new Holidays();
  if (!Object.hasOwn(catalogue.getCountries() ?? {}, country)) return false;
  return state === null || Object.hasOwn(catalogue.getStates(country) ?? {}, state);
}

/** A lookup "is this ISO date a public holiday there", computing each year once. */
export function publicHolidays(country: string, state: string | null): (isoDate: string) => boolean {
  const holidays = state ? new Holidays(country, state) : new Holidays(country);
  const byYear = new Map<number, Set<string>>();
  return (isoDate) => {
    const year = Number(isoDate.slice(0, 4));
    let days = byYear.get(year);
    if (!days) {
      days = new Set(
        (holidays.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
      );
      byYear.set(year, days);
    }
    return days.has(isoDate);
  };
}
