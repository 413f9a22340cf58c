import { retainUntil } from './retention';

describe('retainUntil', () => {
  it('adds calendar years in UTC', () => {
    expect(retainUntil(new Date('2026-12-01T08:30:00Z'), 6).toISOString()).toBe('2032-12-01T08:30:00.000Z');
  });

  it('rolls a leap day to the last day of February', () => {
    expect(retainUntil(new Date('2028-02-29T12:00:00Z'), 5).toISOString()).toBe('2033-02-28T12:00:00.000Z');
  });

  it('never goes before the publication', () => {
    expect(retainUntil(new Date('2026-01-01T00:00:00Z'), -1).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
