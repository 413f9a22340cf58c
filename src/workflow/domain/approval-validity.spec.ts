import {
  approvalExpiresAt,
  approvalValidityDays,
  DEFAULT_APPROVAL_VALIDITY_DAYS,
  isExpired,
} from './approval-validity';

describe(approvalValidityDays.name, () => {
  it('takes the shortest window of the jurisdictions', () => {
    expect(
      approvalValidityDays([{ approvalValidityDays: 90 }, { approvalValidityDays: 30 }, { approvalValidityDays: 60 }]),
    ).toBe(30);
  });

  it('falls back to 30 days when no pack states a window', () => {
    expect(approvalValidityDays([{}, { approvalValidityDays: null }])).toBe(DEFAULT_APPROVAL_VALIDITY_DAYS);
    expect(approvalValidityDays([])).toBe(30);
  });
});

describe(approvalExpiresAt.name, () => {
  it('adds whole days and expires at that instant, not before', () => {
    const expires = approvalExpiresAt(new Date('2026-11-25T10:00:00Z'), 30);
    expect(expires.toISOString()).toBe('2026-12-25T10:00:00.000Z');
    expect(isExpired(expires, new Date('2026-12-25T09:59:59Z'))).toBe(false);
    expect(isExpired(expires, new Date('2026-12-25T10:00:00Z'))).toBe(true);
    expect(isExpired(null, new Date())).toBe(false);
  });
});
