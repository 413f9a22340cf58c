import { DateTime } from 'luxon';

/**
 * The record is kept `years` calendar years after publication (in UTC: 29 February rolls to
 * 28 February). `years` is the longest retention among the post's jurisdictions.
 */
export function retainUntil(publishedAt: Date, years: number): Date {
  return DateTime.fromJSDate(publishedAt, { zone: 'utc' })
    .plus({ years: Math.max(0, years) })
    .toJSDate();
}
