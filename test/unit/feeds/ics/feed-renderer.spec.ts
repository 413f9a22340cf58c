import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ICAL from 'ical.js';
import { lintIcs } from '../../../support/ics-lint';
import { etagFor } from '../../../../src/feeds/ics/conditional-request';
import { EventBlockCache } from '../../../../src/feeds/ics/event-block-cache';
import { FeedModelError, type FeedEvent, type FeedModel } from '../../../../src/feeds/ics/feed-model';
import { FeedRenderer, renderFeed, renderFeedWithIcalGenerator } from '../../../../src/feeds/ics/feed-renderer';

const PROJECT_ROOT = resolve(__dirname, '../../../..');
const LAST_MODIFIED = new Date('2026-01-05T08:00:00Z');

function feedEvent(fields: Partial<FeedEvent> & Pick<FeedEvent, 'uid' | 'start' | 'timezone'>): FeedEvent {
  return {
    sequence: 0,
    durationMinutes: 30,
    summary: `[Scheduled] ${fields.uid}`,
    description: 'Campaign: Spring savings',
    categories: ['Scheduled'],
    status: 'CONFIRMED',
    lastModified: LAST_MODIFIED,
    ...fields,
  };
}

/**
 * Instants around the 2026 DST changes. `local` is the wall-clock time written with TZID;
 * null means the renderer must fall back to UTC because that local time names two instants
 * (Berlin repeats 02:00-03:00 on 2026-10-25, New York 01:00-02:00 on 2026-11-01).
 */
const DST_CASES: Array<{
  uid: string;
  zone: string;
  start: string;
  minutes?: number;
  local: string | null;
  localEnd?: string;
}> = [
  // Berlin, spring forward 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z).
  { uid: 'be-before-spring', zone: 'Europe/Berlin', start: '2026-03-29T00:30:00Z', local: '20260329T013000' },
  { uid: 'be-after-spring', zone: 'Europe/Berlin', start: '2026-03-29T01:30:00Z', local: '20260329T033000' },
  // 3 hours of real time, but the clock jumps: 01:00 CET to 05:00 CEST.
  {
    uid: 'be-across-spring',
    zone: 'Europe/Berlin',
    start: '2026-03-29T00:00:00Z',
    minutes: 180,
    local: '20260329T010000',
    localEnd: '20260329T050000',
  },
  // Berlin, fall back 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
  { uid: 'be-before-fall', zone: 'Europe/Berlin', start: '2026-10-24T23:00:00Z', local: '20261025T010000' },
  { uid: 'be-repeated-first', zone: 'Europe/Berlin', start: '2026-10-25T00:30:00Z', local: null },
  { uid: 'be-repeated-second', zone: 'Europe/Berlin', start: '2026-10-25T01:30:00Z', local: null },
  { uid: 'be-ends-in-repeated', zone: 'Europe/Berlin', start: '2026-10-24T23:30:00Z', minutes: 60, local: null },
  { uid: 'be-after-fall', zone: 'Europe/Berlin', start: '2026-10-25T02:30:00Z', local: '20261025T033000' },
  // New York, spring forward 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z).
  { uid: 'ny-before-spring', zone: 'America/New_York', start: '2026-03-08T06:30:00Z', local: '20260308T013000' },
  { uid: 'ny-after-spring', zone: 'America/New_York', start: '2026-03-08T07:30:00Z', local: '20260308T033000' },
  // New York, fall back 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).
  { uid: 'ny-repeated-first', zone: 'America/New_York', start: '2026-11-01T05:30:00Z', local: null },
  { uid: 'ny-repeated-second', zone: 'America/New_York', start: '2026-11-01T06:30:00Z', local: null },
  { uid: 'ny-after-fall', zone: 'America/New_York', start: '2026-11-01T14:00:00Z', local: '20261101T090000' },
  // Ordinary days in the other bench zones.
  { uid: 'lon-summer', zone: 'Europe/London', start: '2026-07-01T08:00:00Z', local: '20260701T090000' },
  { uid: 'lon-winter', zone: 'Europe/London', start: '2026-01-15T09:00:00Z', local: '20260115T090000' },
  { uid: 'waw-summer', zone: 'Europe/Warsaw', start: '2026-06-10T07:00:00Z', local: '20260610T090000' },
  // Mexico dropped DST in 2022; the packaged VTIMEZONE (2018 data) still has it, so a summer
  // local time would be read one hour off: UTC. In winter both agree: TZID.
  { uid: 'mx-summer', zone: 'America/Mexico_City', start: '2026-07-01T16:00:00Z', local: null },
  { uid: 'mx-winter', zone: 'America/Mexico_City', start: '2026-01-15T16:00:00Z', local: '20260115T100000' },
  // Zones that cannot be named with a VTIMEZONE: UTC.
  { uid: 'unknown-zone', zone: 'Mars/Olympus_Mons', start: '2026-05-01T12:00:00Z', local: null },
  { uid: 'windows-name', zone: 'Pacific Standard Time', start: '2026-05-01T12:00:00Z', local: null },
  { uid: 'plain-utc', zone: 'UTC', start: '2026-05-01T12:00:00Z', local: null },
];

function dstModel(): FeedModel {
  return {
    name: 'DST review queue',
    events: DST_CASES.map((testCase) =>
      feedEvent({
        uid: `${testCase.uid}@preclear.test`,
        start: new Date(testCase.start),
        timezone: testCase.zone,
        durationMinutes: testCase.minutes ?? 30,
      }),
    ),
  };
}

/** Text that stresses escaping and folding: multi-byte, emoji, lone surrogates, controls, CR/LF. */
function messyModel(): FeedModel {
  return {
    name: 'Ops; DE, UK \\ PL',
    description: 'Line one\r\nLine two; with, punctuation',
    prodId: { company: 'Bank AG', product: 'Preclear', language: 'de' },
    events: [
      feedEvent({
        uid: 'post-1@preclear.test',
        start: new Date('2026-04-02T08:15:00.250Z'),
        timezone: 'Europe/Berlin',
        summary: '[In review] Frühjahrs-Sparaktion 🚀 – 3,5 % p.a.; jetzt\r\nnoch mehr',
        description: `${'Pflichtangaben gemäß §6a PAngV – effektiver Jahreszins 😀 '.repeat(6)}\nZweite Zeile\ttab\u0007bell \uD800 lone`,
        categories: ['In review', 'DE', 'a,b', 'DE', ' ', 'x\r\ny'],
        status: 'TENTATIVE',
        url: 'https://app.preclear.test/w/1/posts/1?ids=1,2;x=ä ö',
      }),
      feedEvent({
        uid: 'stage-1-legal@preclear.test',
        sequence: 7,
        start: new Date('2026-04-01T15:00:00Z'),
        timezone: 'Europe/Warsaw',
        durationMinutes: 0,
        summary: '[Review due: legal] Kredyt gotówkowy – jesień',
        description: '',
        categories: [],
        url: 'javascript:alert(1)',
      }),
      feedEvent({
        uid: 'post-2@preclear.test',
        start: new Date('2026-12-31T23:59:59Z'),
        timezone: 'Asia/Tokyo',
        summary: 'x'.repeat(300),
        description: '中文'.repeat(120),
        categories: ['長い'.repeat(50)],
        url: 'http://example.test/a\\b',
      }),
    ],
  };
}

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random events on a 15-minute grid over 2025-2027 in zones with and without DST. */
function randomModel(count: number, seed: number): FeedModel {
  const next = random(seed);
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Europe/London',
    'Europe/Warsaw',
    'Australia/Lord_Howe',
    'America/St_Johns',
    'Asia/Kolkata',
    'America/Sao_Paulo',
    'UTC',
  ];
  const alphabet = ['a', 'Z', ' ', ',', ';', '\\', '\n', 'ü', '€', '😀', 'ł', '中', ':', '"'];
  const text = (length: number): string =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const from = Date.UTC(2025, 0, 1);
  return {
    name: `Random ${text(20)}`,
    events: Array.from({ length: count }, (_, i) =>
      feedEvent({
        uid: `post-${i}@preclear.test`,
        sequence: Math.floor(next() * 9),
        start: new Date(from + Math.floor(next() * 3 * 365 * 96) * 15 * 60_000),
        timezone: zones[Math.floor(next() * zones.length)],
        durationMinutes: Math.floor(next() * 8) * 15,
        summary: text(Math.floor(next() * 120)),
        description: text(Math.floor(next() * 400)),
        categories: [text(5), text(3)],
        status: next() < 0.5 ? 'TENTATIVE' : 'CONFIRMED',
        url: `https://app.preclear.test/posts/${i}?q=${encodeURIComponent(text(4))}`,
        lastModified: new Date(from + Math.floor(next() * 1e10)),
      }),
    ),
  };
}

interface ParsedEvent {
  uid: string;
  startMs: number;
  endMs: number;
  startZone: string;
  sequence: number;
  status: string;
}

function parseWithIcalJs(body: string): {
  calendar: InstanceType<typeof ICAL.Component>;
  events: Map<string, ParsedEvent>;
} {
  const calendar = new ICAL.Component(ICAL.parse(body));
  const events = new Map<string, ParsedEvent>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    events.set(event.uid, {
      uid: event.uid,
      startMs: event.startDate.toUnixTime() * 1000,
      endMs: event.endDate.toUnixTime() * 1000,
      startZone: event.startDate.zone?.tzid ?? 'floating',
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status')),
    });
  }
  return { calendar, events };
}

/** Content lines, unfolded. */
function lines(body: string): string[] {
  return body.replace(/\r\n[ \t]/g, '').split('\r\n');
}

describe(FeedRenderer.name, () => {
  describe('instants, including DST change days', () => {
    const model = dstModel();
    const body = new FeedRenderer().render(model).body;
    const parsed = parseWithIcalJs(body).events;

    it.each(DST_CASES)('$uid ($zone, $start) parses back to the same instants', (testCase) => {
      const event = parsed.get(`${testCase.uid}@preclear.test`);
      const startMs = Date.parse(testCase.start);
      expect(event).toBeDefined();
      expect(new Date(event!.startMs).toISOString()).toBe(new Date(startMs).toISOString());
      expect(event!.endMs - event!.startMs).toBe((testCase.minutes ?? 30) * 60_000);
      // ical.js must have used our VTIMEZONE (or UTC), never a floating local time.
      expect(event!.startZone).toBe(testCase.local === null ? 'UTC' : testCase.zone);
    });

    it.each(DST_CASES)('$uid is written as the expected local or UTC time', (testCase) => {
      const uidLine = lines(body).indexOf(`UID:${testCase.uid}@preclear.test`);
      const eventLines = lines(body).slice(uidLine, uidLine + 6);
      if (testCase.local === null) {
        const utc = new Date(testCase.start).toISOString().replace(/[-:]/g, '').replace('.000', '');
        expect(eventLines).toContain(`DTSTART:${utc}`);
      } else {
        expect(eventLines).toContain(`DTSTART;TZID=${testCase.zone}:${testCase.local}`);
        if (testCase.localEnd) {
          expect(eventLines).toContain(`DTEND;TZID=${testCase.zone}:${testCase.localEnd}`);
        }
      }
    });

    it('keeps every instant of 400 random events in 9 zones (half-hour, 30-min DST, stale rules) as ical.js reads it', () => {
      const random400 = randomModel(400, 2024);
      const events = parseWithIcalJs(new FeedRenderer().render(random400).body).events;
      const wrong = random400.events.filter((event) => {
        const parsedEvent = events.get(event.uid);
        return (
          parsedEvent === undefined ||
          parsedEvent.startMs !== event.start.getTime() ||
          parsedEvent.endMs - parsedEvent.startMs !== event.durationMinutes * 60_000 ||
          parsedEvent.startZone === 'floating'
        );
      });
      expect(wrong.map((event) => `${event.uid} ${event.timezone} ${event.start.toISOString()}`)).toEqual([]);
    });

    it('declares exactly the zones that are named, in order of first use', () => {
      const declared = lines(body).filter((line, index, all) => all[index - 1] === 'BEGIN:VTIMEZONE');
      expect(declared).toEqual([
        'TZID:Europe/Berlin',
        'TZID:America/New_York',
        'TZID:Europe/London',
        'TZID:Europe/Warsaw',
        'TZID:America/Mexico_City',
      ]);
    });
  });

  describe('output format', () => {
    const rendered = new FeedRenderer().render(messyModel());
    const body = rendered.body;

    it('passes our lint for the dst, messy and random models', () => {
      expect(lintIcs(body)).toEqual([]);
      expect(lintIcs(renderFeed(dstModel()))).toEqual([]);
      expect(lintIcs(renderFeed(randomModel(300, 7)))).toEqual([]);
    });

    it('has the calendar properties subscribed clients need, and none that break them', () => {
      const all = lines(body);
      expect(all.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Bank AG//Preclear//DE']);
      expect(all).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
      expect(all).toContain('X-PUBLISHED-TTL:PT1H');
      expect(all).toContain('NAME:Ops\\; DE\\, UK \\\\ PL');
      expect(all).toContain('X-WR-CALNAME:Ops\\; DE\\, UK \\\\ PL');
      expect(all).toContain('X-WR-CALDESC:Line one\\nLine two\\; with\\, punctuation');
      expect(all.filter((line) => /^(METHOD|X-WR-TIMEZONE|TIMEZONE-ID)[:;]/.test(line))).toEqual([]);
      expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(rendered.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    });

    it('writes DTSTAMP and LAST-MODIFIED from lastModified, in UTC', () => {
      expect(lines(body).filter((line) => line.startsWith('DTSTAMP:'))).toEqual(
        Array(3).fill('DTSTAMP:20260105T080000Z'),
      );
      expect(lines(body).filter((line) => line.startsWith('LAST-MODIFIED:'))).toEqual(
        Array(3).fill('LAST-MODIFIED:20260105T080000Z'),
      );
    });

    it('percent-encodes , ; and non-URI characters in URLs, and drops non-http URLs', () => {
      const parsed = new ICAL.Component(ICAL.parse(body));
      const urls = parsed.getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('url'));
      expect(urls).toEqual([
        'https://app.preclear.test/w/1/posts/1?ids=1%2C2%3Bx=%C3%A4%20%C3%B6',
        null,
        'http://example.test/a/b',
      ]);
    });

    it('keeps categories single, trimmed and escaped', () => {
      const parsed = new ICAL.Component(ICAL.parse(body));
      const first = parsed.getFirstSubcomponent('vevent')!;
      expect(first.getFirstProperty('categories')!.getValues()).toEqual(['In review', 'DE', 'a,b', 'x y']);
    });

    it('turns summaries into one line and keeps description line breaks, without control characters', () => {
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent('vevent')!);
      expect(event.summary).toBe('[In review] Frühjahrs-Sparaktion 🚀 – 3,5 % p.a.; jetzt noch mehr');
      expect(event.description).toContain('\nZweite Zeile\ttabbell \uFFFD lone');
      // eslint-disable-next-line no-control-regex -- asserting that no control character is left
      expect(event.description).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    });

    it('gives the ETag of the exact bytes and the newest modification time', () => {
      expect(rendered.etag).toBe(etagFor(body));
      expect(rendered.etag).toMatch(/^"sha256-[A-Za-z0-9_-]{43}"$/);
      expect(rendered.bytes.toString('utf8')).toBe(body);
      expect(rendered.lastModified).toEqual(LAST_MODIFIED);
      const later = new Date('2026-02-01T00:00:00Z');
      expect(new FeedRenderer().render({ ...messyModel(), lastModified: later }).lastModified).toEqual(later);
      expect(new FeedRenderer().render({ name: 'Empty', events: [] }).lastModified).toEqual(new Date(0));
    });
  });

  describe('injection through calendar-level text', () => {
    const hostile = 'Compliance\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nEND:VEVENT\nX-EVIL:1\rMETHOD:REQUEST';
    const model: FeedModel = {
      name: hostile,
      description: hostile,
      prodId: { company: 'Evil\r\nMETHOD:REQUEST', product: 'a//b' },
      events: [
        feedEvent({
          uid: 'post-1@preclear.test',
          start: new Date('2026-05-01T10:00:00Z'),
          timezone: 'Europe/Berlin',
          summary: hostile,
          description: hostile,
        }),
      ],
    };
    const body = new FeedRenderer().render(model).body;

    it('adds no component or property', () => {
      const all = lines(body);
      expect(all.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
      expect(all.filter((line) => /^(UID:evil|X-EVIL|METHOD)/.test(line))).toEqual([]);
      expect(lintIcs(body)).toEqual([]);
    });

    it('keeps the text as escaped values', () => {
      const all = lines(body);
      expect(all).toContain('X-WR-CALNAME:Compliance BEGIN:VEVENT UID:evil@x END:VEVENT X-EVIL:1 METHOD:REQUEST');
      expect(all).toContain('PRODID:-//Evil METHOD:REQUEST//a/b//EN');
      const parsed = new ICAL.Component(ICAL.parse(body));
      expect(new ICAL.Event(parsed.getFirstSubcomponent('vevent')!).summary).toBe(
        'Compliance BEGIN:VEVENT UID:evil@x END:VEVENT X-EVIL:1 METHOD:REQUEST',
      );
    });

    it('cuts names at 255 characters without splitting a character', () => {
      const name = '😀'.repeat(300);
      const line = lines(new FeedRenderer().render({ name, events: [] }).body).find((candidate) =>
        candidate.startsWith('X-WR-CALNAME:'),
      );
      expect(line).toBe(`X-WR-CALNAME:${'😀'.repeat(255)}`);
    });
  });

  describe('identity of events across renders', () => {
    it('gives the same bytes and ETag for the same data, from any renderer', () => {
      const first = new FeedRenderer().render(messyModel());
      const second = new FeedRenderer().render(messyModel());
      expect(second.body).toBe(first.body);
      expect(second.etag).toBe(first.etag);
    });

    it('writes UID and SEQUENCE from the model', () => {
      const events = parseWithIcalJs(renderFeed(messyModel())).events;
      expect([...events.values()].map((event) => [event.uid, event.sequence])).toEqual([
        ['post-1@preclear.test', 0],
        ['stage-1-legal@preclear.test', 7],
        ['post-2@preclear.test', 0],
      ]);
    });

    it('refuses a model that would produce an invalid or ambiguous feed', () => {
      const base = messyModel().events[0];
      const invalid: Array<[string, Partial<FeedEvent>]> = [
        ['uid', { uid: 'post 1' }],
        ['uid', { uid: 'post-1\r\nX-EVIL:1' }],
        ['sequence', { sequence: -1 }],
        ['sequence', { sequence: 1.5 }],
        ['sequence', { sequence: 2 ** 31 }],
        ['start', { start: new Date('nonsense') }],
        ['start', { start: new Date('+010000-01-01T00:00:00Z') }],
        ['durationMinutes', { durationMinutes: -5 }],
        ['durationMinutes', { durationMinutes: Infinity }],
        ['lastModified', { lastModified: new Date(NaN) }],
        ['status', { status: 'PUBLISHED' as FeedEvent['status'] }],
      ];
      for (const [field, change] of invalid) {
        const model: FeedModel = { name: 'x', events: [{ ...base, ...change }] };
        expect(() => new FeedRenderer().render(model)).toThrow(FeedModelError);
        expect(() => renderFeedWithIcalGenerator(model)).toThrow(
          expect.objectContaining({ details: expect.objectContaining({ field }) }),
        );
      }
      const duplicate: FeedModel = { name: 'x', events: [base, { ...base, summary: 'other' }] };
      expect(() => new FeedRenderer().render(duplicate)).toThrow(/uid appears twice/);
      expect(() => renderFeedWithIcalGenerator(duplicate)).toThrow(/uid appears twice/);
    });
  });

  describe('block cache: byte-identical to a full ical-generator render', () => {
    const models: Array<[string, () => FeedModel]> = [
      ['dst', dstModel],
      ['messy', messyModel],
      ['random', () => randomModel(400, 42)],
      ['empty', () => ({ name: 'Nothing yet', events: [] })],
    ];

    it.each(models)('%s model: cold and warm renders equal the reference', (_, build) => {
      const renderer = new FeedRenderer();
      const reference = renderFeedWithIcalGenerator(build());
      expect(renderer.render(build()).body).toBe(reference);
      expect(renderer.render(build()).body).toBe(reference);
    });

    it('follows changes, removals and reordering with a warm cache', () => {
      const cache = new EventBlockCache();
      const renderer = new FeedRenderer({ blockCache: cache });
      const model = randomModel(200, 99);
      renderer.render(model);
      expect(cache.stats()).toMatchObject({ entries: 200, misses: 200, hits: 0 });

      const events = [...model.events].reverse().filter((_, index) => index % 10 !== 0);
      events[5] = { ...events[5], summary: 'changed title', sequence: events[5].sequence + 1 };
      const changed: FeedModel = { ...model, name: 'Renamed', events };
      expect(renderer.render(changed).body).toBe(renderFeedWithIcalGenerator(changed));
      expect(cache.stats()).toMatchObject({ hits: events.length - 1, misses: 201 });
    });

    it('never reuses a block when content changed but uid, sequence and lastModified did not', () => {
      const renderer = new FeedRenderer();
      const model = dstModel();
      renderer.render(model);
      const sneaky: FeedModel = {
        ...model,
        events: model.events.map((event, index) => (index === 0 ? { ...event, summary: 'edited in place' } : event)),
      };
      const body = renderer.render(sneaky).body;
      expect(body).toContain('SUMMARY:edited in place');
      expect(body).toBe(renderFeedWithIcalGenerator(sneaky));
    });

    it('shares blocks between feeds through one cache', () => {
      const cache = new EventBlockCache();
      const model = messyModel();
      new FeedRenderer({ blockCache: cache }).render(model);
      const other = new FeedRenderer({ blockCache: cache }).render({
        name: 'Another feed',
        events: model.events.slice(1),
      });
      expect(other.body).toBe(renderFeedWithIcalGenerator({ name: 'Another feed', events: model.events.slice(1) }));
      expect(cache.stats()).toMatchObject({ entries: 3, hits: 2 });
    });
  });

  describe('independence from the server time zone (child processes)', () => {
    const icalGeneratorPackage = JSON.parse(
      readFileSync(join(dirname(require.resolve('ical-generator')), '..', 'package.json'), 'utf8'),
    ) as {
      version: string;
      engines: { node: string };
    };
    const model = { ...dstModel(), events: [...dstModel().events, ...messyModel().events] };
    const expected = new FeedRenderer().render(model).body;

    // Renders the same model in a fresh Node process with another TZ. Also renders one event
    // the wrong way (native Date + timezone) to show the TZ really differs in the child.
    const childScript = `
      require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(join(PROJECT_ROOT, 'tsconfig.json'))} });
      const { default: ical } = require('ical-generator');
      const { FeedRenderer, renderFeedWithIcalGenerator } = require(${JSON.stringify(join(PROJECT_ROOT, 'src/feeds/ics/feed-renderer'))});
      const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      const model = { ...input, events: input.events.map((e) => ({ ...e, start: new Date(e.start), lastModified: new Date(e.lastModified) })) };
      const naive = ical().createEvent({ start: new Date('2026-05-01T10:00:00Z'), timezone: 'Europe/Berlin' }).toString();
      process.stdout.write(JSON.stringify({
        body: new FeedRenderer().render(model).body,
        reference: renderFeedWithIcalGenerator(model),
        naiveStart: naive.split('\\r\\n').find((line) => line.startsWith('DTSTART')),
        zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        node: process.versions.node,
      }));
    `;

    type ChildResult = { body: string; reference: string; naiveStart: string; zone: string; node: string };

    function renderInChild(tz: string): ChildResult {
      const child = spawnSync(process.execPath, ['-e', childScript], {
        cwd: PROJECT_ROOT,
        input: JSON.stringify(model),
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) {
        throw new Error(`child with TZ=${tz} failed (${child.status}): ${child.stderr}`);
      }
      return JSON.parse(child.stdout) as ChildResult;
    }

    const SERVER_ZONES = ['America/New_York', 'Asia/Tokyo'];
    const children = new Map<string, ChildResult>();
    beforeAll(() => {
      for (const tz of SERVER_ZONES) {
        children.set(tz, renderInChild(tz));
      }
    });

    it(`runs ical-generator ${icalGeneratorPackage.version} (declares node "${icalGeneratorPackage.engines.node}") on this Node ${process.versions.node}`, () => {
      expect(icalGeneratorPackage.version).toBe('11.1.2');
      for (const result of children.values()) {
        expect(result.node).toBe(process.versions.node);
        expect(lintIcs(result.body)).toEqual([]);
      }
    });

    it.each(SERVER_ZONES)('TZ=%s renders byte-identical output with the same UTC instants', (tz) => {
      const result = children.get(tz)!;
      expect(result.zone).toBe(tz);
      expect(result.body).toBe(expected);
      expect(result.reference).toBe(expected);
      const parsed = parseWithIcalJs(result.body).events;
      for (const testCase of DST_CASES) {
        expect(parsed.get(`${testCase.uid}@preclear.test`)!.startMs).toBe(Date.parse(testCase.start));
      }
    });

    it('would differ between those TZs with native Dates (the trap the Luxon values avoid)', () => {
      const [newYork, tokyo] = SERVER_ZONES.map((tz) => children.get(tz)!.naiveStart);
      expect(newYork).not.toBe(tokyo);
    });
  });
});
