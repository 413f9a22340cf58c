import { isHolidayRegion, publicHolidays } from './public-holidays';

describe('public holidays (date-holidays)', () => {
  it('knows regional holidays: Epiphany in Bavaria, not in Berlin', () => {
    expect(publicHolidays('DE', 'BY')('2027-01-06')).toBe(true);
    expect(publicHolidays('DE', 'BE')('2027-01-06')).toBe(false);
    expect(publicHolidays('DE', null)('2027-12-27')).toBe(false);
    expect(publicHolidays('DE', null)('2027-12-25')).toBe(true);
  });

  it('tells known regions from unknown ones', () => {
    expect(isHolidayRegion('DE', null)).toBe(true);
    expect(isHolidayRegion('DE', 'BY')).toBe(true);
    expect(isHolidayRegion('DE', 'XX')).toBe(false);
    expect(isHolidayRegion('XX', null)).toBe(false);
  });
});
