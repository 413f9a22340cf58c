import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime, IANAZone, type Zone } from 'luxon';
import { VtimezoneRules } from './vtimezone-rules';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Names that mean plain UTC: written as `…Z`, no VTIMEZONE needed. */
const UTC_NAMES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
  'Etc/GMT',
  'GMT',
]);
/** Bounds the per-zone memo of midnight offsets (about 270 years of days per zone). */
const MAX_MEMOIZED_DAYS = 100_000;
/** Bounds the catalog against a flood of distinct (mostly invalid) zone names. */
const MAX_CATALOG_ENTRIES = 2_000;

/**
 * A Luxon IANA zone that asks Intl for fewer offsets. Intl's formatToParts is the largest
 * cost of building Luxon values (one call per DateTime), and a feed has many events per zone
 * and day. If the offsets at two consecutive UTC midnights agree, no offset change happened
 * between them, because the tz database never has two changes within 24 hours (the closest
 * pair since 1900 is 95 h apart, Africa/Freetown 1939; zone-catalog.spec.ts compares with
 * plain Luxon across DST days). Days with a change fall through to Intl.
 *
 * Luxon treats two IANA zones with the same name as equal, so ical-generator's
 * `setZone(name)` keeps these DateTimes as they are.
 */
export class DayMemoizedIanaZone extends IANAZone {
  private readonly midnightOffsets = new Map<number, number>();

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY_MS);
    const atMidnight = this.offsetAtMidnight(day);
    return atMidnight === this.offsetAtMidnight(day + 1) ? atMidnight : super.offset(ts);
  }

  private offsetAtMidnight(day: number): number {
    let offset = this.midnightOffsets.get(day);
    if (offset === undefined) {
      if (this.midnightOffsets.size >= MAX_MEMOIZED_DAYS) {
        this.midnightOffsets.clear();
      }
      offset = super.offset(day * DAY_MS);
      this.midnightOffsets.set(day, offset);
    }
    return offset;
  }
}

export interface CatalogZone {
  name: string;
  /** The Outlook-form VTIMEZONE component text, as @touch4it/ical-timezones gives it. */
  vtimezone: string;
  /** How clients will read local times against that VTIMEZONE. */
  rules: VtimezoneRules;
  /** The zone Luxon computes real wall-clock times in (tz database of this Node's ICU). */
  luxonZone: Zone;
}

/** An event's start and end as they will be written: in `zone` (TZID) or, when zone is null, in UTC. */
export interface PlacedTimes {
  zone: string | null;
  start: DateTime;
  end: DateTime;
}

export interface TimeZoneCatalogOptions {
  /** Memoize Luxon offsets per day (default true). The reference renderer turns it off. */
  memoizeOffsets?: boolean;
}

/**
 * Which zones a feed can name with TZID, their VTIMEZONE texts, and where each event goes.
 * A zone is usable only if Intl knows it and @touch4it/ical-timezones has a VTIMEZONE whose
 * TZID is exactly that name (the package also maps Windows names such as
 * "Pacific Standard Time" to files with another TZID, which would leave the TZID undeclared).
 */
export class TimeZoneCatalog {
  private readonly zones = new Map<string, CatalogZone | null>();
  private readonly memoizeOffsets: boolean;

  constructor(options: TimeZoneCatalogOptions = {}) {
    this.memoizeOffsets = options.memoizeOffsets ?? true;
  }

  lookup(name: string): CatalogZone | null {
    let zone = this.zones.get(name);
    if (zone === undefined) {
      if (this.zones.size >= MAX_CATALOG_ENTRIES) {
        this.zones.clear();
      }
      zone = this.load(name);
      this.zones.set(name, zone);
    }
    return zone;
  }

  /** The VTIMEZONE generator handed to ical-generator (`cal.timezone({ name: null, generator })`). */
  readonly vtimezoneFor = (name: string): string | null => this.lookup(name)?.vtimezone ?? null;

  /**
   * Places an event: in its own zone when every client will turn the written local times
   * back into exactly these instants, otherwise in UTC. UTC is chosen for zones without a
   * usable VTIMEZONE, for rules that changed after the VTIMEZONE data was frozen, and for
   * local times that occur twice on a fall-back day (RFC 5545 §3.3.5 would pick the first
   * occurrence; client behaviour differs, UTC is unambiguous everywhere).
   */
  place(zoneName: string, startMs: number, endMs: number): PlacedTimes {
    const zone = UTC_NAMES.has(zoneName) ? null : this.lookup(zoneName);
    if (zone !== null) {
      const start = DateTime.fromMillis(startMs, { zone: zone.luxonZone });
      const end = DateTime.fromMillis(endMs, { zone: zone.luxonZone });
      if (readsBackAs(zone.rules, start) && readsBackAs(zone.rules, end)) {
        return { zone: zone.name, start, end };
      }
    }
    return {
      zone: null,
      start: DateTime.fromMillis(startMs, { zone: 'utc' }),
      end: DateTime.fromMillis(endMs, { zone: 'utc' }),
    };
  }

  private load(name: string): CatalogZone | null {
    if (!IANAZone.isValidZone(name)) {
      return null;
    }
    const vtimezone = getVtimezoneComponent(name);
    if (!vtimezone || !new RegExp(`^TZID:${escapeRegExp(name)}\\r?$`, 'm').test(vtimezone)) {
      return null;
    }
    const rules = VtimezoneRules.parse(vtimezone);
    if (rules === null) {
      return null;
    }
    const luxonZone = this.memoizeOffsets ? new DayMemoizedIanaZone(name) : IANAZone.create(name);
    return { name, vtimezone, rules, luxonZone };
  }
}

function readsBackAs(rules: VtimezoneRules, time: DateTime): boolean {
  const wallClockMs = time.toMillis() + time.offset * MINUTE_MS;
  return rules.uniqueInstantOf(wallClockMs) === time.toMillis();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
