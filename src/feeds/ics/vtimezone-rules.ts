/**
 * What a calendar client will make of a local time, given the VTIMEZONE we send it.
 *
 * The VTIMEZONE texts come from @touch4it/ical-timezones (tzurl "zoneinfo-outlook", Olson
 * 2018g): one yearly rule per observance, the form Outlook needs. They are frozen in 2018,
 * so for zones whose rules changed since (Mexico dropped DST in 2022, Brazil in 2019, ...)
 * a client would turn our correct local time into a wrong instant. And a local time in the
 * repeated hour of a fall-back day names two instants. The renderer therefore checks, per
 * instant, that this VTIMEZONE resolves the local time back to exactly that instant and to
 * no other; when not, the event is written in UTC instead (see zone-catalog.ts).
 *
 * Only the shapes present in that package are understood: observances with TZOFFSETFROM,
 * TZOFFSETTO, DTSTART and at most `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=[±n]DD`. Anything
 * else makes `parse` return null, and the zone's events go out in UTC.
 */

const MINUTE_MS = 60_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

interface YearlyRule {
  /** 1-12 */
  month: number;
  /** 0 = Sunday, as Date#getUTCDay */
  weekday: number;
  /** 1..5 from the start of the month, -1..-5 from its end */
  nth: number;
}

interface Observance {
  offsetFromMinutes: number;
  offsetToMinutes: number;
  /** DTSTART as local wall-clock fields (year, month 1-12, day, hour, minute, second). */
  start: [number, number, number, number, number, number];
  rule: YearlyRule | null;
}

export class VtimezoneRules {
  /** Onsets (UTC ms, ascending) of every observance in one calendar year, with the offset they start. */
  private readonly onsetsByYear = new Map<number, Array<{ at: number; offsetMinutes: number }>>();
  private readonly candidateOffsets: number[];
  /** The offset before the earliest onset, for instants the rules do not reach. */
  private readonly initialOffsetMinutes: number;

  private constructor(private readonly observances: Observance[]) {
    const earliest = [...observances].sort((a, b) => firstOnsetOf(a) - firstOnsetOf(b))[0];
    this.initialOffsetMinutes = earliest.offsetFromMinutes;
    const offsets = new Set<number>();
    for (const observance of observances) {
      offsets.add(observance.offsetFromMinutes);
      offsets.add(observance.offsetToMinutes);
    }
    // Largest offset first = earliest instant first, so the first match is the first occurrence.
    this.candidateOffsets = [...offsets].sort((a, b) => b - a);
  }

  /** Parses one VTIMEZONE component; null when it holds anything this model does not understand. */
  static parse(vtimezone: string): VtimezoneRules | null {
    const lines = vtimezone
      .replace(/\r\n/g, '\n')
      .replace(/\n[ \t]/g, '')
      .split('\n')
      .filter((line) => line !== '');
    const observances: Observance[] = [];
    let current: Partial<Observance> | null = null;
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      const name = line.slice(0, colon).toUpperCase();
      const value = line.slice(colon + 1).trim();
      if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') {
        current = { rule: null };
      } else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
        if (
          !current ||
          current.offsetFromMinutes === undefined ||
          current.offsetToMinutes === undefined ||
          !current.start
        ) {
          return null;
        }
        observances.push(current as Observance);
        current = null;
      } else if (current === null) {
        if (!['BEGIN', 'END', 'TZID', 'TZURL', 'X-LIC-LOCATION', 'LAST-MODIFIED'].includes(name)) {
          return null;
        }
      } else if (name === 'TZOFFSETFROM' || name === 'TZOFFSETTO') {
        const minutes = parseUtcOffset(value);
        if (minutes === null) {
          return null;
        }
        current[name === 'TZOFFSETFROM' ? 'offsetFromMinutes' : 'offsetToMinutes'] = minutes;
      } else if (name === 'DTSTART') {
        const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(value);
        if (!match) {
          return null;
        }
        const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
        current.start = [year, month, day, hour, minute, second];
      } else if (name === 'RRULE') {
        const rule = parseYearlyRule(value);
        if (rule === null) {
          return null;
        }
        current.rule = rule;
      } else if (name !== 'TZNAME' && name !== 'COMMENT') {
        return null;
      }
    }
    return observances.length > 0 ? new VtimezoneRules(observances) : null;
  }

  /** The UTC offset (minutes) a client derives from this VTIMEZONE for an instant. */
  offsetAt(instantMs: number): number {
    const year = new Date(instantMs).getUTCFullYear();
    let latest: { at: number; offsetMinutes: number } | null = null;
    // An onset's local year can differ from its UTC year near New Year, so look one year around.
    for (const candidateYear of [year - 1, year, year + 1]) {
      for (const onset of this.onsetsIn(candidateYear)) {
        if (onset.at <= instantMs && (latest === null || onset.at > latest.at)) {
          latest = onset;
        }
      }
    }
    return latest !== null ? latest.offsetMinutes : this.initialOffsetMinutes;
  }

  /**
   * The instant a client gives a local wall-clock time (as the UTC ms of the same fields),
   * or null when that local time names no instant (a gap) or more than one (a repeated hour).
   */
  uniqueInstantOf(wallClockMs: number): number | null {
    let found: number | null = null;
    for (const offsetMinutes of this.candidateOffsets) {
      const instant = wallClockMs - offsetMinutes * MINUTE_MS;
      if (this.offsetAt(instant) === offsetMinutes) {
        if (found !== null && found !== instant) {
          return null;
        }
        found = instant;
      }
    }
    return found;
  }

  private onsetsIn(year: number): Array<{ at: number; offsetMinutes: number }> {
    let onsets = this.onsetsByYear.get(year);
    if (onsets === undefined) {
      onsets = [];
      for (const observance of this.observances) {
        const at = onsetAt(observance, year);
        if (at !== null) {
          onsets.push({ at, offsetMinutes: observance.offsetToMinutes });
        }
      }
      onsets.sort((a, b) => a.at - b.at);
      this.onsetsByYear.set(year, onsets);
    }
    return onsets;
  }
}

/** When an observance starts in a given year (UTC ms), or null if it does not start that year. */
function onsetAt(observance: Observance, year: number): number | null {
  const [startYear, startMonth, startDay, hour, minute, second] = observance.start;
  if (year < startYear) {
    return null;
  }
  let month = startMonth;
  let day = startDay;
  if (observance.rule === null) {
    if (year !== startYear) {
      return null;
    }
  } else {
    month = observance.rule.month;
    const found = nthWeekdayOfMonth(year, month, observance.rule.weekday, observance.rule.nth);
    if (found === null) {
      return null;
    }
    day = found;
  }
  // Onset local times are expressed in the offset in force before the onset.
  const at = Date.UTC(year, month - 1, day, hour, minute, second) - observance.offsetFromMinutes * MINUTE_MS;
  return at >= firstOnsetOf(observance) ? at : null;
}

/** DTSTART of an observance as a UTC instant: the first time it can take effect. */
function firstOnsetOf(observance: Observance): number {
  const [year, month, day, hour, minute, second] = observance.start;
  return Date.UTC(year, month - 1, day, hour, minute, second) - observance.offsetFromMinutes * MINUTE_MS;
}

function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): number | null {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let day: number;
  if (nth > 0) {
    const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
  } else {
    const lastWeekday = new Date(Date.UTC(year, month - 1, daysInMonth)).getUTCDay();
    day = daysInMonth - ((lastWeekday - weekday + 7) % 7) + (nth + 1) * 7;
  }
  return day >= 1 && day <= daysInMonth ? day : null;
}

function parseUtcOffset(value: string): number | null {
  const match = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value);
  if (!match) {
    return null;
  }
  const minutes = Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0) / 60;
  return match[1] === '-' ? -minutes : minutes;
}

function parseYearlyRule(value: string): YearlyRule | null {
  const parts = new Map(value.split(';').map((part) => part.split('=', 2) as [string, string]));
  if (parts.size !== 3 || parts.get('FREQ') !== 'YEARLY') {
    return null;
  }
  const month = Number(parts.get('BYMONTH'));
  const byDay = /^([+-]?[1-5])(SU|MO|TU|WE|TH|FR|SA)$/.exec(parts.get('BYDAY') ?? '');
  if (!Number.isInteger(month) || month < 1 || month > 12 || !byDay) {
    return null;
  }
  return { month, weekday: WEEKDAYS.indexOf(byDay[2]), nth: Number(byDay[1]) };
}
