import { addBusinessDays, US_FEDERAL_CALENDAR } from './business-days';
import { usFederalHolidays } from './us-federal-holidays';

describe(usFederalHolidays.name, () => {
  it('lists the eleven 2026 holidays with Independence Day observed on Friday 3 July', () => {
    // 4 July 2026 is a Saturday, so offices close on Friday 3 July.
    expect(usFederalHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it("moves a Saturday New Year's Day to 31 December of the year before", () => {
    // 1 January 2028 is a Saturday: observed Friday 31 December 2027, which belongs to 2027.
    const dates2027 = usFederalHolidays(2027).map((h) => h.date);
    expect(dates2027).toContain('2027-12-31');
    expect(dates2027).toContain('2027-12-24'); // Christmas 2027 is a Saturday too
    expect(usFederalHolidays(2028).map((h) => h.date)).not.toContain('2028-01-01');
  });

  it('has no Juneteenth before 2021 and a Monday one when 19 June is a Sunday', () => {
    expect(usFederalHolidays(2020).some((h) => h.name.startsWith('Juneteenth'))).toBe(false);
    // 19 June 2022 was a Sunday.
    expect(usFederalHolidays(2022).find((h) => h.name.startsWith('Juneteenth'))).toEqual({
      name: 'Juneteenth National Independence Day',
      date: '2022-06-20',
      observed: true,
    });
  });
});

describe(addBusinessDays.name, () => {
  it('skips Christmas and New Year’s Day: Wed 2026-12-23 + 10 business days is Fri 2027-01-08', () => {
    // 12:00 New York time on Wednesday 23 December 2026.
    const from = new Date('2026-12-23T17:00:00Z');
    // Thu 24 (1), Fri 25 Christmas, Mon 28 (2), Tue 29 (3), Wed 30 (4), Thu 31 (5),
    // Fri 1 Jan New Year, Mon 4 (6), Tue 5 (7), Wed 6 (8), Thu 7 (9), Fri 8 (10).
    expect(addBusinessDays(from, 10, US_FEDERAL_CALENDAR).toISOString()).toBe('2027-01-08T17:00:00.000Z');
  });

  it('keeps New York wall time across the March DST change', () => {
    // Fri 6 March 2026 09:00 EST (14:00Z) + 5 bd = Fri 13 March 09:00 EDT (13:00Z).
    expect(addBusinessDays(new Date('2026-03-06T14:00:00Z'), 5).toISOString()).toBe('2026-03-13T13:00:00.000Z');
  });

  it('counts from a weekend: Saturday + 1 business day is Monday', () => {
    expect(addBusinessDays(new Date('2026-06-06T15:00:00Z'), 1).toISOString()).toBe('2026-06-08T15:00:00.000Z');
  });

  it('skips the observed Juneteenth and Independence Day', () => {
    // Thu 18 June 2026 + 1 bd: Fri 19 June is Juneteenth, so Mon 22 June.
    expect(addBusinessDays(new Date('2026-06-18T16:00:00Z'), 1).toISOString()).toBe('2026-06-22T16:00:00.000Z');
    // Thu 2 July 2026 + 1 bd: Fri 3 July is the observed Independence Day, so Mon 6 July.
    expect(addBusinessDays(new Date('2026-07-02T16:00:00Z'), 1).toISOString()).toBe('2026-07-06T16:00:00.000Z');
  });

  it('rejects a negative count', () => {
    expect(() => addBusinessDays(new Date(), -1)).toThrow(RangeError);
  });
});
