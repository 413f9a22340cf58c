import { resolveScheduledAt, toLocalIso } from './schedule-time';

describe('resolveScheduledAt', () => {
  it('reads a wall-clock time in the post time zone on both sides of the EU DST change', () => {
    // CET (UTC+1) until Sunday 2026-03-29 01:00Z, CEST (UTC+2) after.
    expect(resolveScheduledAt('2026-03-28T09:30:00', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2026-03-28T08:30:00Z'),
    });
    expect(resolveScheduledAt('2026-03-30T09:30:00', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2026-03-30T07:30:00Z'),
    });
    // Back to CET on 2026-10-25.
    expect(resolveScheduledAt('2026-10-26T09:30', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2026-10-26T08:30:00Z'),
    });
  });

  it('takes an explicit offset as the instant it names', () => {
    expect(resolveScheduledAt('2026-12-01T09:30:00+01:00', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2026-12-01T08:30:00Z'),
    });
    expect(resolveScheduledAt('2026-12-01T08:30:00Z', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2026-12-01T08:30:00Z'),
    });
  });

  it('refuses a local time skipped by the spring-forward change, and unknown zones', () => {
    expect(resolveScheduledAt('2026-03-29T02:30:00', 'Europe/Berlin')).toEqual({
      ok: false,
      problem: 'nonexistent_local_time',
    });
    expect(resolveScheduledAt('2026-03-08T02:30:00', 'America/New_York')).toEqual({
      ok: false,
      problem: 'nonexistent_local_time',
    });
    expect(resolveScheduledAt('2026-12-01T09:30:00', 'Europe/Atlantis')).toEqual({
      ok: false,
      problem: 'invalid_timezone',
    });
    expect(resolveScheduledAt('2026-02-30T09:30:00', 'Europe/Berlin')).toEqual({
      ok: false,
      problem: 'invalid_instant',
    });
  });

  it('shows an instant with the offset in force in the zone at that instant', () => {
    expect(toLocalIso(new Date('2026-07-01T07:30:00Z'), 'Europe/Berlin')).toBe('2026-07-01T09:30:00+02:00');
    expect(toLocalIso(new Date('2026-12-01T08:30:00Z'), 'Europe/Berlin')).toBe('2026-12-01T09:30:00+01:00');
  });
});

describe('resolveScheduledAt in a DST overlap', () => {
  it('refuses a repeated wall time with both offsets when asked to', () => {
    expect(resolveScheduledAt('2027-10-31T02:30', 'Europe/Berlin', { refuseAmbiguous: true })).toEqual({
      ok: false,
      problem: 'ambiguous_local_time',
      offsets: ['+02:00', '+01:00'],
    });
    expect(resolveScheduledAt('2027-11-07T01:30', 'America/New_York', { refuseAmbiguous: true })).toEqual({
      ok: false,
      problem: 'ambiguous_local_time',
      offsets: ['-04:00', '-05:00'],
    });
  });

  it('takes the later (standard-time) reading when ambiguity is allowed, and accepts an explicit offset either way', () => {
    expect(resolveScheduledAt('2027-10-31T02:30', 'Europe/Berlin')).toEqual({
      ok: true,
      instant: new Date('2027-10-31T01:30:00Z'),
    });
    expect(resolveScheduledAt('2027-10-31T02:30+01:00', 'Europe/Berlin', { refuseAmbiguous: true })).toEqual({
      ok: true,
      instant: new Date('2027-10-31T01:30:00Z'),
    });
  });

  it('accepts the hours either side of the overlap and zones without DST', () => {
    expect(resolveScheduledAt('2027-10-31T01:59', 'Europe/Berlin', { refuseAmbiguous: true })).toEqual({
      ok: true,
      instant: new Date('2027-10-30T23:59:00Z'),
    });
    expect(resolveScheduledAt('2027-10-31T03:00', 'Europe/Berlin', { refuseAmbiguous: true })).toEqual({
      ok: true,
      instant: new Date('2027-10-31T02:00:00Z'),
    });
    expect(resolveScheduledAt('2027-10-31T02:30', 'Asia/Tokyo', { refuseAmbiguous: true })).toEqual({
      ok: true,
      instant: new Date('2027-10-30T17:30:00Z'),
    });
  });
});
