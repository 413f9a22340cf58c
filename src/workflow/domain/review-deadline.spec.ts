import { addBusinessDays, US_FEDERAL_CALENDAR } from '@preclear/rules-engine';
import { isOverdue, latestStartBefore, reviewDueAt } from './review-deadline';

describe(latestStartBefore.name, () => {
  it('skips weekends and US federal holidays (Christmas and New Year 2026/27)', () => {
    // Fri 2027-01-08 10:00 New York (15:00Z). Counting back ten business days:
    // Jan 8, 7, 6, 5, 4 (Jan 1 is a holiday, Jan 2-3 a weekend), Dec 31, 30, 29, 28
    // (Dec 25 holiday, Dec 26-27 weekend), Dec 24 -> the tenth; the start is the day before.
    const start = latestStartBefore(new Date('2027-01-08T15:00:00Z'), 10, US_FEDERAL_CALENDAR);
    expect(start.toISOString()).toBe('2026-12-23T15:00:00.000Z');
  });

  it('is the inverse of addBusinessDays: starting any later would miss the deadline', () => {
    const deadlines = ['2027-01-08T15:00:00Z', '2026-07-06T13:30:00Z', '2026-11-28T12:00:00Z', '2026-03-09T14:00:00Z'];
    for (const iso of deadlines) {
      for (const n of [1, 3, 10]) {
        const deadline = new Date(iso);
        const start = latestStartBefore(deadline, n, US_FEDERAL_CALENDAR);
        expect(addBusinessDays(start, n, US_FEDERAL_CALENDAR).getTime()).toBeLessThanOrEqual(deadline.getTime());
        const nextDay = new Date(start.getTime() + 24 * 3600_000);
        expect(addBusinessDays(nextDay, n, US_FEDERAL_CALENDAR).getTime()).toBeGreaterThan(deadline.getTime());
      }
    }
  });

  it('returns the deadline itself for zero days', () => {
    const deadline = new Date('2026-12-01T09:00:00Z');
    expect(latestStartBefore(deadline, 0, US_FEDERAL_CALENDAR)).toEqual(deadline);
  });
});

describe(reviewDueAt.name, () => {
  const calendar = US_FEDERAL_CALENDAR;

  it('is the scheduled time minus the buffer when no filing is needed', () => {
    const due = reviewDueAt({
      scheduledAt: new Date('2026-12-01T08:30:00Z'),
      preFilingBusinessDays: 0,
      bufferMinutes: 240,
      calendar,
    });
    expect(due?.toISOString()).toBe('2026-12-01T04:30:00.000Z');
  });

  it('leaves room for a pre-use filing wait before the buffer', () => {
    // Ten business days before Fri 2027-01-08 15:00Z is Wed 2026-12-23 15:00Z; minus 4 hours.
    const due = reviewDueAt({
      scheduledAt: new Date('2027-01-08T15:00:00Z'),
      preFilingBusinessDays: 10,
      bufferMinutes: 240,
      calendar,
    });
    expect(due?.toISOString()).toBe('2026-12-23T11:00:00.000Z');
  });

  it('has no deadline without a scheduled time', () => {
    expect(reviewDueAt({ scheduledAt: null, preFilingBusinessDays: 10, bufferMinutes: 240, calendar })).toBeNull();
  });

  it('is overdue strictly after the deadline', () => {
    const due = new Date('2026-12-01T04:30:00Z');
    expect(isOverdue(due, new Date('2026-12-01T04:30:00Z'))).toBe(false);
    expect(isOverdue(due, new Date('2026-12-01T04:30:01Z'))).toBe(true);
    expect(isOverdue(null, new Date())).toBe(false);
  });
});
