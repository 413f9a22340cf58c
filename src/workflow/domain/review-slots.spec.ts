import { DEFAULT_WORKING_TIME, previousWorkingInstant, type WorkingTime } from './review-slots';

const berlin: WorkingTime = { ...DEFAULT_WORKING_TIME, timezone: 'Europe/Berlin' };
const at = (iso: string, time: WorkingTime = berlin): string =>
  previousWorkingInstant(new Date(iso), time).toISOString();

describe('previousWorkingInstant', () => {
  it('keeps an instant inside working hours', () => {
    // Wed 2027-12-01 11:00 Berlin
    expect(at('2027-12-01T10:00:00Z')).toBe('2027-12-01T10:00:00.000Z');
    expect(at('2027-12-01T08:00:00Z')).toBe('2027-12-01T08:00:00.000Z'); // 09:00 sharp
  });

  it('moves an early-morning deadline to the end of the previous working day', () => {
    // Wed 05:30 Berlin (the old "scheduled 09:30 minus 240 minutes") -> Tue 17:00 Berlin
    expect(at('2027-12-01T04:30:00Z')).toBe('2027-11-30T16:00:00.000Z');
  });

  it('moves an evening deadline back to 17:00 the same day', () => {
    expect(at('2027-12-01T19:00:00Z')).toBe('2027-12-01T16:00:00.000Z');
  });

  it('skips the weekend: Monday 08:00 becomes Friday 17:00', () => {
    expect(at('2027-12-06T07:00:00Z')).toBe('2027-12-03T16:00:00.000Z');
  });

  it('skips holidays: the morning after Christmas week lands before the holidays', () => {
    const holidays = new Set(['2027-12-24', '2027-12-27']);
    const withHolidays: WorkingTime = { ...berlin, isHoliday: (d) => holidays.has(d) };
    // Tue 2027-12-28 07:00 Berlin -> Mon 27 is a holiday (and so is Fri 24), weekend -> Thu 23 17:00
    expect(at('2027-12-28T06:00:00Z', withHolidays)).toBe('2027-12-23T16:00:00.000Z');
  });

  it('keeps 17:00 wall time across DST changes', () => {
    // Mon 2027-03-29 06:00 Berlin (summer time) -> Fri 2027-03-26 17:00 Berlin (winter time, 16:00Z)
    expect(at('2027-03-29T04:00:00Z')).toBe('2027-03-26T16:00:00.000Z');
    // Mon 2027-11-01 06:00 Berlin (winter) -> Fri 2027-10-29 17:00 Berlin (summer, 15:00Z)
    expect(at('2027-11-01T05:00:00Z')).toBe('2027-10-29T15:00:00.000Z');
  });

  it('follows the team zone and days, e.g. a Sunday-Thursday week in Dubai', () => {
    const dubai: WorkingTime = {
      ...DEFAULT_WORKING_TIME,
      timezone: 'Asia/Dubai',
      start: '08:00',
      end: '16:00',
      workingDays: [7, 1, 2, 3, 4],
    };
    // Sat 2027-12-04 10:00 Dubai -> Thu 2027-12-02 16:00 Dubai (12:00Z)
    expect(at('2027-12-04T06:00:00Z', dubai)).toBe('2027-12-02T12:00:00.000Z');
  });

  it('refuses a calendar without any working day', () => {
    expect(() => at('2027-12-01T10:00:00Z', { ...berlin, workingDays: [] })).toThrow(RangeError);
  });
});
