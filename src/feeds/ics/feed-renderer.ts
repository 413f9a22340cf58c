import { hash } from 'node:crypto';
import ical, {
  ICalEvent,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalCalendar,
  type ICalCalendarProdIdData,
  type ICalEventData,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { etagFor } from './conditional-request';
import { EventBlockCache } from './event-block-cache';
import { FeedModelError, type FeedEvent, type FeedModel, type RenderedFeed } from './feed-model';
import { foldIcsLines } from './fold-lines';
import {
  calendarDescriptionValue,
  calendarNameValue,
  eventUrlValue,
  multiLineText,
  prodIdPart,
  singleLineText,
} from './ics-text';
import { TimeZoneCatalog } from './zone-catalog';

/** REFRESH-INTERVAL / X-PUBLISHED-TTL. Classic Outlook treats it as a minimum, so keep it short. */
export const FEED_TTL_SECONDS = 3600;
const DEFAULT_PROD_ID: ICalCalendarProdIdData = {
  company: 'Preclear',
  product: 'Content Calendar Feeds',
  language: 'EN',
};
const FALLBACK_CALENDAR_NAME = 'Preclear';
/** UIDs are written verbatim by ical-generator, so only characters that need no escaping. */
const UID_PATTERN = /^[A-Za-z0-9._~@:+=/-]{1,255}$/;
const MINUTE_MS = 60_000;
/** SEQUENCE is an RFC 5545 INTEGER: a signed 32-bit value. */
const MAX_SEQUENCE = 2_147_483_647;
/** Longer than any post or review slot; keeps DTEND within the years below. */
const MAX_DURATION_MINUTES = 366 * 24 * 60;
/** iCalendar dates have four-digit years; the packaged VTIMEZONE rules start in 1970. */
const EARLIEST_START_MS = Date.UTC(1970, 0, 2);
const LATEST_START_MS = Date.UTC(9998, 11, 31);

/** The calendar-level values, cleaned once per render. */
interface CalendarSettings {
  name: string;
  description: string | null;
  prodId: ICalCalendarProdIdData;
}

export interface FeedRendererOptions {
  /** Shared across renderers and feeds if given; each renderer gets its own otherwise. */
  blockCache?: EventBlockCache;
  /** Zone data and offset memo; each renderer gets its own otherwise. */
  zoneCatalog?: TimeZoneCatalog;
}

/**
 * Renders feeds to iCalendar with ical-generator, fast enough for large feeds.
 *
 * Each VEVENT is rendered by ical-generator on its own, folded, and kept in an LRU keyed by
 * the event's content; the calendar header and footer (NAME, TTL, one VTIMEZONE per zone
 * used) come from an ical-generator calendar of the same settings. Concatenated, the pieces
 * are byte-identical to `renderFeedWithIcalGenerator` (one calendar, `toString()`), because
 * ical-generator's folding works line by line; feed-renderer.spec.ts checks that.
 *
 * Also faster than that reference when nothing is cached: Luxon offsets are memoized per
 * day, and folding avoids the library's per-character string building.
 *
 * An event is written with TZID and its local times only when every client will read them
 * back as the same instants; otherwise in UTC (see TimeZoneCatalog.place).
 */
export class FeedRenderer {
  private readonly blockCache: EventBlockCache;
  private readonly zoneCatalog: TimeZoneCatalog;
  /** Events only ask their calendar for its time zone (null here), so one calendar serves all. */
  private readonly eventContext: ICalCalendar = ical();

  constructor(options: FeedRendererOptions = {}) {
    this.blockCache = options.blockCache ?? new EventBlockCache();
    this.zoneCatalog = options.zoneCatalog ?? new TimeZoneCatalog();
  }

  /** Renders a feed; throws FeedModelError for an event that cannot be written correctly. */
  render(model: FeedModel): RenderedFeed {
    const settings = calendarSettings(model);
    const uids = new Set<string>();
    const blocks: string[] = new Array<string>(model.events.length);
    // Insertion-ordered, like ical-generator's own list of VTIMEZONEs.
    const zones = new Set<string>();
    let lastModified = timeOf(model.lastModified) || 0;

    for (let i = 0; i < model.events.length; i++) {
      const event = model.events[i];
      assertUniqueUid(event, uids);
      const key = eventBlockKey(event);
      let block = this.blockCache.get(key);
      if (block === undefined) {
        const { data, zone } = eventData(event, this.zoneCatalog);
        block = { text: foldIcsLines(new ICalEvent(data, this.eventContext).toString()), zone };
        this.blockCache.set(key, block);
      }
      blocks[i] = block.text;
      if (block.zone !== null) {
        zones.add(block.zone);
      }
      lastModified = Math.max(lastModified, timeOf(event.lastModified));
    }

    const { head, tail } = this.frame(settings, [...zones]);
    const body = head + blocks.join('') + tail;
    const bytes = Buffer.from(body, 'utf8');
    return { body, bytes, etag: etagFor(bytes), lastModified: new Date(lastModified), eventCount: model.events.length };
  }

  /**
   * The calendar text before the first and after the last VEVENT, rendered by ical-generator
   * with one placeholder event per zone so that it writes exactly the VTIMEZONEs in use, in
   * the same order as a full render. A line that starts a component cannot come from a
   * value: values have no raw line breaks and continuation lines start with a space.
   */
  private frame(settings: CalendarSettings, zones: string[]): { head: string; tail: string } {
    const calendar = newCalendar(settings, this.zoneCatalog);
    for (const zone of zones.length > 0 ? zones : [null]) {
      calendar.createEvent({
        id: 'frame',
        start: DateTime.fromMillis(0, { zone: zone ?? 'utc' }),
        timezone: zone,
        stamp: new Date(0),
      });
    }
    const text = calendar.toString();
    const beginEvent = '\r\nBEGIN:VEVENT\r\n';
    const endEvent = '\r\nEND:VEVENT\r\n';
    return {
      head: text.slice(0, text.indexOf(beginEvent) + 2),
      tail: text.slice(text.lastIndexOf(endEvent) + endEvent.length) + '\r\n',
    };
  }
}

let defaultRenderer: FeedRenderer | undefined;

/** Renders with a process-wide FeedRenderer (and its block cache); returns the body only. */
export function renderFeed(model: FeedModel): string {
  defaultRenderer ??= new FeedRenderer();
  return defaultRenderer.render(model).body;
}

/**
 * The same feed rendered the plain way: one ical-generator calendar holding every event,
 * `toString()`, plus the final CRLF ical-generator leaves out. No block cache, no offset
 * memo. It is the reference the fast path must match byte for byte, and the benchmark's
 * baseline.
 */
export function renderFeedWithIcalGenerator(model: FeedModel): string {
  const zoneCatalog = new TimeZoneCatalog({ memoizeOffsets: false });
  const calendar = newCalendar(calendarSettings(model), zoneCatalog);
  const uids = new Set<string>();
  for (const event of model.events) {
    assertUniqueUid(event, uids);
    calendar.createEvent(eventData(event, zoneCatalog).data);
  }
  return calendar.toString() + '\r\n';
}

/**
 * The block cache key: uid, sequence and lastModified for readability, then a SHA-256 of
 * every input field, so a changed event never reuses an old block even if upstream forgot
 * to raise its sequence or timestamp. Built from the raw event (cleaning only runs on a
 * miss); fields are length-prefixed, which keeps the encoding unambiguous without the
 * escaping pass JSON would make over every description.
 */
export function eventBlockKey(event: FeedEvent): string {
  const lastModifiedMs = timeOf(event.lastModified);
  let content =
    part(event.uid) +
    part(event.sequence) +
    part(timeOf(event.start)) +
    part(event.timezone) +
    part(event.durationMinutes) +
    part(event.summary) +
    part(event.description) +
    part(event.status) +
    part(event.url ?? '') +
    part(lastModifiedMs) +
    part(event.categories.length);
  for (const category of event.categories) {
    content += part(category);
  }
  return `${event.uid}\u0000${event.sequence}\u0000${lastModifiedMs}\u0000${hash('sha256', content, 'base64url')}`;
}

function part(value: unknown): string {
  const text = String(value);
  return `${text.length}:${text}`;
}

function calendarSettings(model: FeedModel): CalendarSettings {
  const prodId = model.prodId ?? DEFAULT_PROD_ID;
  const company = prodIdPart(prodId.company);
  const product = prodIdPart(prodId.product);
  return {
    name: calendarNameValue(model.name) || FALLBACK_CALENDAR_NAME,
    description: model.description ? calendarDescriptionValue(model.description) || null : null,
    prodId:
      company && product
        ? { company, product, language: prodIdPart(prodId.language ?? 'EN') || 'EN' }
        : DEFAULT_PROD_ID,
  };
}

/**
 * A calendar with the feed's settings. The time zone is set as `{ name: null, generator }`:
 * a calendar-level zone *name* would drop the Z from DTSTAMP and add X-WR-TIMEZONE /
 * TIMEZONE-ID (ICAL.md §1.13), while the generator alone adds one VTIMEZONE per zone used.
 * No METHOD: it is for invitations, and libical flags PUBLISH without ORGANIZER.
 */
function newCalendar(settings: CalendarSettings, zoneCatalog: TimeZoneCatalog): ICalCalendar {
  const calendar = ical({ name: settings.name, prodId: settings.prodId, ttl: FEED_TTL_SECONDS });
  if (settings.description !== null) {
    calendar.description(settings.description);
  }
  calendar.timezone({ name: null, generator: zoneCatalog.vtimezoneFor });
  return calendar;
}

/** Validates and cleans one event and turns it into ical-generator input. */
function eventData(event: FeedEvent, zoneCatalog: TimeZoneCatalog): { data: ICalEventData; zone: string | null } {
  const fail = (field: string, problem: string): never => {
    throw new FeedModelError(`Feed event ${JSON.stringify(event.uid)}: ${field} ${problem}`, { uid: event.uid, field });
  };
  if (typeof event.uid !== 'string' || !UID_PATTERN.test(event.uid)) {
    fail('uid', 'must be 1-255 characters of A-Z a-z 0-9 . _ ~ @ : + = / -');
  }
  if (!Number.isInteger(event.sequence) || event.sequence < 0 || event.sequence > MAX_SEQUENCE) {
    fail('sequence', `must be an integer from 0 to ${MAX_SEQUENCE}`);
  }
  const startMs = timeOf(event.start);
  if (!(startMs >= EARLIEST_START_MS && startMs <= LATEST_START_MS)) {
    fail('start', 'must be a valid Date between 1970-01-02 and 9998-12-31');
  }
  if (!(event.durationMinutes >= 0 && event.durationMinutes <= MAX_DURATION_MINUTES)) {
    fail('durationMinutes', `must be a number from 0 to ${MAX_DURATION_MINUTES}`);
  }
  const lastModifiedMs = timeOf(event.lastModified);
  if (Number.isNaN(lastModifiedMs)) {
    fail('lastModified', 'must be a valid Date');
  }
  if (event.status !== 'TENTATIVE' && event.status !== 'CONFIRMED') {
    fail('status', 'must be TENTATIVE or CONFIRMED');
  }

  // Luxon values in the event's zone: ical-generator formats a native Date with a time zone
  // in the server's local time (ICAL.md §1.12).
  const placed = zoneCatalog.place(event.timezone, startMs, startMs + Math.round(event.durationMinutes * MINUTE_MS));
  const description = multiLineText(event.description).trim();
  const categories = [...new Set(event.categories.map(singleLineText).filter((name) => name !== ''))];
  const data: ICalEventData = {
    id: event.uid,
    sequence: event.sequence,
    start: placed.start,
    end: placed.end,
    timezone: placed.zone,
    // DTSTAMP from the data, not "now": the same data must give the same bytes and ETag.
    stamp: new Date(lastModifiedMs),
    lastModified: new Date(lastModifiedMs),
    summary: singleLineText(event.summary),
    description: description === '' ? null : description,
    categories: categories.map((name) => ({ name })),
    status: event.status === 'CONFIRMED' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    // A post or a review deadline does not make the subscriber busy.
    transparency: ICalEventTransparency.TRANSPARENT,
    url: eventUrlValue(event.url),
  };
  return { data, zone: placed.zone };
}

function assertUniqueUid(event: FeedEvent, seen: Set<string>): void {
  if (seen.has(event.uid)) {
    throw new FeedModelError(`Feed event ${JSON.stringify(event.uid)}: uid appears twice in one feed`, {
      uid: event.uid,
      field: 'uid',
    });
  }
  seen.add(event.uid);
}

/** Epoch ms of a Date; NaN for an invalid Date or anything else, which validation rejects. */
function timeOf(value: Date | undefined): number {
  return value instanceof Date ? value.getTime() : NaN;
}
