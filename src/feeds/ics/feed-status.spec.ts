import { FEED_STATUS_BY_POST_STATUS, statusFor } from './feed-status';

describe(statusFor.name, () => {
  it.each([
    ['draft', 'TENTATIVE'],
    ['in_review', 'TENTATIVE'],
    ['changes_requested', 'TENTATIVE'],
    ['approved', 'CONFIRMED'],
    ['scheduled', 'CONFIRMED'],
    ['publishing', 'CONFIRMED'],
    ['published', 'CONFIRMED'],
    // Kept visible but not CONFIRMED: the post is not going out (or did not) at that time.
    ['held', 'TENTATIVE'],
    ['failed', 'TENTATIVE'],
    ['missed', 'TENTATIVE'],
    // Removed from feeds rather than CANCELLED.
    ['rejected', null],
    ['withdrawn', null],
    ['deleted', null],
  ])('%s -> %s', (postStatus, expected) => {
    expect(statusFor(postStatus)).toBe(expected);
  });

  it('covers exactly the statuses listed above', () => {
    expect(Object.keys(FEED_STATUS_BY_POST_STATUS)).toHaveLength(13);
  });

  it('refuses a status it does not know, including inherited object keys', () => {
    expect(() => statusFor('archived')).toThrow(/archived/);
    expect(() => statusFor('toString')).toThrow(/toString/);
  });
});
