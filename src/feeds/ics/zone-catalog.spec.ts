import { IANAZone } from 'luxon';
import { DayMemoizedIanaZone, TimeZoneCatalog } from './zone-catalog';

const MINUTE_MS = 60_000;

describe(DayMemoizedIanaZone.name, () => {
  // DST zones of every shape: EU/US rules, a 30-minute DST (Lord Howe), half-hour offsets
  // (St John's, Kolkata), 45-minute offsets (Chatham), Ramadan DST (Casablanca), southern
  // hemisphere (Sao Paulo, Sydney), and a zone whose DST moves every year (Gaza).
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Europe/London',
    'Europe/Warsaw',
    'Australia/Lord_Howe',
    'America/St_Johns',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'Africa/Casablanca',
    'America/Sao_Paulo',
    'Australia/Sydney',
    'Asia/Gaza',
  ];

  it.each(zones)(
    '%s: same offsets as Luxon every 30 minutes of 2025-2026, and every minute around each change',
    (zone) => {
      const memoized = new DayMemoizedIanaZone(zone);
      const plain = IANAZone.create(zone);
      const mismatches: number[] = [];
      let previous = plain.offset(Date.UTC(2025, 0, 1));
      for (let at = Date.UTC(2025, 0, 1); at < Date.UTC(2027, 0, 1); at += 30 * MINUTE_MS) {
        const expected = plain.offset(at);
        if (memoized.offset(at) !== expected) {
          mismatches.push(at);
        }
        if (expected !== previous) {
          for (let around = at - 90 * MINUTE_MS; around <= at + 90 * MINUTE_MS; around += MINUTE_MS) {
            if (memoized.offset(around) !== plain.offset(around)) {
              mismatches.push(around);
            }
          }
        }
        previous = expected;
      }
      expect(mismatches.map((at) => new Date(at).toISOString())).toEqual([]);
    },
  );

  it('is equal to the plain zone for Luxon, so setZone(name) keeps the value', () => {
    expect(new DayMemoizedIanaZone('Europe/Berlin').equals(IANAZone.create('Europe/Berlin'))).toBe(true);
    expect(IANAZone.create('Europe/Berlin').equals(new DayMemoizedIanaZone('Europe/Berlin'))).toBe(true);
  });
});

describe(TimeZoneCatalog.name, () => {
  const catalog = new TimeZoneCatalog();

  it('offers zones whose packaged VTIMEZONE carries the same TZID', () => {
    expect(catalog.lookup('Europe/Berlin')?.vtimezone).toMatch(/^BEGIN:VTIMEZONE\r?\nTZID:Europe\/Berlin\r?\n/);
    expect(catalog.vtimezoneFor('America/New_York')).toContain('TZID:America/New_York');
  });

  it.each([
    ['not a zone', 'Mars/Olympus_Mons'],
    ['a Windows name', 'Pacific Standard Time'],
    ['an alias whose packaged VTIMEZONE has another TZID', 'US/Eastern'],
    ['an alias the package maps to the wrong zone', 'Canada/Atlantic'],
  ])('refuses %s (%s)', (_, zone) => {
    expect(catalog.lookup(zone)).toBeNull();
    expect(catalog.place(zone, Date.UTC(2026, 4, 1, 12), Date.UTC(2026, 4, 1, 13)).zone).toBeNull();
  });

  it('places ordinary times in their zone, with the wall-clock time of that zone', () => {
    const placed = catalog.place('America/New_York', Date.UTC(2026, 4, 1, 12), Date.UTC(2026, 4, 1, 13));
    expect(placed.zone).toBe('America/New_York');
    expect(placed.start.toFormat('yyyy-LL-dd HH:mm')).toBe('2026-05-01 08:00');
    expect(placed.end.toFormat('HH:mm')).toBe('09:00');
  });

  it('places repeated local times, stale rules and UTC names in UTC', () => {
    expect(catalog.place('Europe/Berlin', Date.UTC(2026, 9, 25, 1, 30), Date.UTC(2026, 9, 25, 2, 30)).zone).toBeNull();
    expect(catalog.place('America/Mexico_City', Date.UTC(2026, 6, 1, 16), Date.UTC(2026, 6, 1, 17)).zone).toBeNull();
    const utc = catalog.place('Etc/UTC', Date.UTC(2026, 4, 1, 12), Date.UTC(2026, 4, 1, 13));
    expect(utc.zone).toBeNull();
    expect(utc.start.toISO()).toBe('2026-05-01T12:00:00.000Z');
  });
});
