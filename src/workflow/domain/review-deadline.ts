import { DateTime } from 'luxon';
import { isBusinessDay, type BusinessDayCalendar } from '@preclear/rules-engine';

/**
 * The latest instant from which `n` business days still end by `deadline`: the inverse of
 * the engine's `addBusinessDays` (which counts from the day after its start). Walking back
 * from the deadline's own day, each business day passed counts; the result keeps the
 * deadline's wall-clock time in the calendar's zone. So with n = 10 and a deadline of
 * Fri 2027-01-08, the result is Wed 2026-12-23 (Dec 25 and Jan 1 are not counted).
 */
export function latestStartBefore(deadline: Date, n: number, calendar: BusinessDayCalendar): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number >= 0, got ${n}`);
  let day = DateTime.fromJSDate(deadline, { zone: calendar.timeZone });
  let remaining = n;
  while (remaining > 0) {
    if (isBusinessDay(day.toISODate() as string, day.weekday, calendar)) remaining--;
    day = day.minus({ days: 1 });
  }
  return day.toJSDate();
}

export interface DeadlineInput {
  /** When the post goes out; without one there is no deadline. */
  scheduledAt: Date | null;
  /** Business days a pre-use filing must wait before first use (0 when none is required). */
  preFilingBusinessDays: number;
  /** Slack kept between the last signature and the filing or the publication (REVIEW_BUFFER_MINUTES). */
  bufferMinutes: number;
  calendar: BusinessDayCalendar;
}

/**
 * When the reviews of a post must be done: the scheduled time, minus the pre-use filing wait
 * (approval comes before filing), minus the review buffer.
 */
export function reviewDueAt({
  scheduledAt,
  preFilingBusinessDays,
  bufferMinutes,
  calendar,
}: DeadlineInput): Date | null {
  if (!scheduledAt) return null;
  const filingStart =
    preFilingBusinessDays > 0 ? latestStartBefore(scheduledAt, preFilingBusinessDays, calendar) : scheduledAt;
  return new Date(filingStart.getTime() - bufferMinutes * 60_000);
}

export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && dueAt.getTime() < now.getTime();
}
