import { MAX_BACKOFF_MS, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles per attempt around the base', () => {
    // random() = 0.5 is the middle of the jitter: factor 0.8 + 0.4 * 0.5 = 1.0, the bare exponential.
    const mid = (): number => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 100, mid))).toEqual([100, 200, 400, 800]);
  });

  it('jitters within [0.8, 1.2) of the exponential', () => {
    expect(retryDelayMs(3, 1000, () => 0)).toBe(3200);
    expect(retryDelayMs(3, 1000, () => 0.999999)).toBe(4800);
  });

  it('always grows: the longest wait after attempt n is shorter than the shortest after n+1', () => {
    for (let n = 1; n < 10; n++) {
      expect(retryDelayMs(n, 50, () => 0.999999)).toBeLessThan(retryDelayMs(n + 1, 50, () => 0));
    }
  });

  it('is capped', () => {
    expect(retryDelayMs(40, 2000, () => 0.5)).toBe(MAX_BACKOFF_MS);
  });
});
