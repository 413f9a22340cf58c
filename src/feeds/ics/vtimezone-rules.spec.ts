import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { IANAZone } from 'luxon';
import { VtimezoneRules } from './vtimezone-rules';

const HOUR_MS = 3_600_000;

function rulesFor(zone: string): VtimezoneRules {
  const rules = VtimezoneRules.parse(getVtimezoneComponent(zone)!);
  if (rules === null) {
    throw new Error(`no rules for ${zone}`);
  }
  return rules;
}

describe(VtimezoneRules.name, () => {
  it.each([
    'Europe/Berlin',
    'America/New_York',
    'Europe/London',
    'Europe/Warsaw',
    'Australia/Lord_Howe',
    'America/St_Johns',
    'Asia/Tokyo',
  ])('%s: the packaged VTIMEZONE gives the tz database offset at every half hour of 2026', (zone) => {
    const rules = rulesFor(zone);
    const iana = IANAZone.create(zone);
    const mismatches: string[] = [];
    for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += HOUR_MS / 2) {
      if (rules.offsetAt(at) !== iana.offset(at)) {
        mismatches.push(new Date(at).toISOString());
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('switches at the exact instant of a change (Berlin, 2026-03-29 01:00Z)', () => {
    const rules = rulesFor('Europe/Berlin');
    expect(rules.offsetAt(Date.UTC(2026, 2, 29, 1) - 1)).toBe(60);
    expect(rules.offsetAt(Date.UTC(2026, 2, 29, 1))).toBe(120);
  });

  it('finds the unique instant of an ordinary local time', () => {
    // 2026-07-01 09:00 in Berlin (CEST, +2) is 07:00Z.
    expect(rulesFor('Europe/Berlin').uniqueInstantOf(Date.UTC(2026, 6, 1, 9))).toBe(Date.UTC(2026, 6, 1, 7));
  });

  it('refuses local times that do not exist or exist twice', () => {
    const rules = rulesFor('Europe/Berlin');
    expect(rules.uniqueInstantOf(Date.UTC(2026, 2, 29, 2, 30))).toBeNull();
    expect(rules.uniqueInstantOf(Date.UTC(2026, 9, 25, 2, 30))).toBeNull();
    expect(rules.uniqueInstantOf(Date.UTC(2026, 9, 25, 3, 0))).toBe(Date.UTC(2026, 9, 25, 2, 0));
  });

  it('reproduces stale packaged rules: Mexico City still has DST in the 2018 data', () => {
    const summer = Date.UTC(2026, 6, 1, 12);
    expect(rulesFor('America/Mexico_City').offsetAt(summer)).toBe(-300);
    expect(IANAZone.create('America/Mexico_City').offset(summer)).toBe(-360);
  });

  it.each([
    [
      'an RDATE',
      'BEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nDTSTART:19700101T000000\r\nRDATE:19710101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE',
    ],
    [
      'a monthday rule',
      'BEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nDTSTART:19700101T000000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5\r\nEND:STANDARD\r\nEND:VTIMEZONE',
    ],
    [
      'a missing offset',
      'BEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nTZOFFSETTO:+0100\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE',
    ],
    ['no observance', 'BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE'],
  ])('does not guess: a VTIMEZONE with %s is not understood', (_, text) => {
    expect(VtimezoneRules.parse(text)).toBeNull();
  });
});
