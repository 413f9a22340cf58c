/** How long to wait before a job is due (never negative: an overdue job runs at once). */
export function delayUntil(dueAt: Date, now: Date): number {
  return Math.max(0, dueAt.getTime() - now.getTime());
}

/**
 * A post more than `missedAfterMinutes` past its due time is not published late: workers were
 * down, and a promotion going out hours after its moment (or after a crisis broke) is worse
 * than not going out. A publisher decides by releasing it.
 */
export function isMissed(dueAt: Date, now: Date, missedAfterMinutes: number): boolean {
  return now.getTime() - dueAt.getTime() > missedAfterMinutes * 60_000;
}

export function minutesLate(dueAt: Date, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - dueAt.getTime()) / 60_000));
}
