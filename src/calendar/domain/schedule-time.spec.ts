import { resolveScheduledAt, toLocalIso } from './schedule-time';

describe('resolveScheduledAt', () => {
  it('reads a wall-clock time in the post time zone on both sides of the EU DST change', () => {
    // CET (UTC+1) until Sunday 2026-03-29 01:00Z, CEST (UTC+2) after.
    expect(resolveScheduledAt('2026-03-28T09:30:00', 'Europe/Berlin')).toEqual({ ok: true, instant: new Date('2026-03-28T08:30:00Z') });
    expect(resolveScheduledAt('2026-03-30T09:30:00', 'Europe/Berlin')).toEqual({ ok: true, instant: new Date('2026-03-30T07:30:00Z') });
    // Back to CET on 2026-10-25.
    expect(resolveScheduledAt('2026-10-26T09:30', 'Europe/Berlin')).toEqual({ ok: true, instant: new Date('2026-10-26T08:30:00Z') });
  });

  it('takes an explicit offset as the instant it names', () => {
    expect(resolveScheduledAt('2026-12-01T09:30:00+01:00', 'America/New_York')).toEqual({ ok: true, instant: new Date('2026-12-01T08:30:00Z') });
    expect(resolveScheduledAt('2026-12-01T08:30:00Z', 'Europe/Berlin')).toEqual({ ok: true, instant: new Date('2026-12-01T08:30:00Z') });
  });

  it('refuses a local time skipped by the spring-forward change, and unknown zones', () => {
    expect(resolveScheduledAt('2026-03-29T02:30:00', 'Europe/Berlin')).toEqual({ ok: false, problem: 'nonexistent_local_time' });
    expect(resolveScheduledAt('2026-03-08T02:30:00', 'America/New_York')).toEqual({ ok: false, problem: 'nonexistent_local_time' });
    expect(resolveScheduledAt('2026-12-01T09:30:00', 'Europe/Atlantis')).toEqual({ ok: false, problem: 'invalid_timezone' });
    expect(resolveScheduledAt('2026-02-30T09:30:00', 'Europe/Berlin')).toEqual({ ok: false, problem: 'invalid_instant' });
  });

  it('shows an instant with the offset in force in the zone at that instant', () => {
    expect(toLocalIso(new Date('2026-07-01T07:30:00Z'), 'Europe/Berlin')).toBe('2026-07-01T09:30:00+02:00');
    expect(toLocalIso(new Date('2026-12-01T08:30:00Z'), 'Europe/Berlin')).toBe('2026-12-01T09:30:00+01:00');
  });
});
