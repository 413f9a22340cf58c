/** No retry waits longer than this, however many attempts were allowed. */
export const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * The wait after failed run number `attempt` (1-based): `baseMs * 2^(attempt-1)`, scaled by a
 * random factor in [0.8, 1.2). The jitter spreads a burst of posts that failed together (one
 * receiver down at 09:00) so they do not all come back in the same millisecond; its range is
 * narrow enough that each wait is still longer than the one before (0.8 * 2 > 1.2).
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attempt - 1);
  const jittered = exponential * (0.8 + 0.4 * random());
  return Math.round(Math.min(MAX_BACKOFF_MS, jittered));
}
