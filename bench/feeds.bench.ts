/**
 * Feed rendering benchmark (issue: "a feed of 5,000 events: time to build it cold, and time
 * to answer a conditional request (304); in the same run the baseline of bare ical-generator
 * serializing the same events. Targets: cold build under 200 ms, 304 under 5 ms, report the
 * ratio to the baseline.").
 *
 * Run: npx ts-node -r tsconfig-paths/register --transpile-only bench/feeds.bench.ts
 * Optional: BENCH_EVENTS (default 5000), BENCH_RUNS (default 15), BENCH_ICS_OUT (a path: also
 * write the feed there, e.g. for test/support/validate_ics.py).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import {
  FeedRenderer,
  isNotModified,
  renderFeedWithIcalGenerator,
  type FeedEvent,
  type FeedModel,
  type RenderedFeed,
} from '../src/feeds/ics';

const EVENT_COUNT = Number(process.env.BENCH_EVENTS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CONDITIONAL_REQUESTS = 20_000;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Europe/London', 'Europe/Warsaw'];
const DOMAIN = 'preclear.example';

/** Deterministic PRNG (mulberry32) so every run measures the same feed. */
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

const CAMPAIGNS: Record<string, string[]> = {
  'Europe/Berlin': ['Frühjahrs-Sparaktion', 'Ratenkredit Herbst', 'Girokonto für Studierende', 'Depot-Wechselprämie'],
  'America/New_York': ['Spring CD special', 'Home equity line Q2', 'Rewards card launch', 'Retirement rollover'],
  'Europe/London': ['ISA season', 'Mortgage rate refresh', 'Easy-access saver', 'Credit builder card'],
  'Europe/Warsaw': [
    'Lokata na start',
    'Kredyt gotówkowy – jesień',
    'Konto osobiste bez opłat',
    'Karta kredytowa dla młodych',
  ],
};
const JURISDICTIONS: Record<string, string[]> = {
  'Europe/Berlin': ['DE', 'EU'],
  'America/New_York': ['US'],
  'Europe/London': ['UK'],
  'Europe/Warsaw': ['PL', 'EU'],
};
const CHANNELS = ['instagram', 'facebook', 'linkedin', 'x', 'tiktok', 'youtube'];
const STATES: Array<{ label: string; status: FeedEvent['status'] }> = [
  { label: 'Draft', status: 'TENTATIVE' },
  { label: 'In review', status: 'TENTATIVE' },
  { label: 'Changes requested', status: 'TENTATIVE' },
  { label: 'Approved', status: 'CONFIRMED' },
  { label: 'Scheduled', status: 'CONFIRMED' },
  { label: 'Published', status: 'CONFIRMED' },
];
const STAGES = ['legal', 'compliance', 'principal'];

/**
 * 5,000 events as the feed service would pass them: about 70% posts, 30% review deadlines,
 * spread over a -90 days .. +12 months window in office hours of four zones (so both EU and
 * US DST changes fall inside), with the texts a marketing team writes.
 */
function generateModel(count: number): FeedModel {
  const next = random(2026);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const windowStart = DateTime.fromISO('2025-10-17T00:00:00Z');
  const events: FeedEvent[] = [];
  for (let i = 0; events.length < count; i++) {
    const zone = ZONES[i % ZONES.length];
    const postId = 10_000 + i;
    const local = windowStart
      .setZone(zone)
      .plus({ days: Math.floor(next() * 455) })
      .set({ hour: 8 + Math.floor(next() * 11), minute: 15 * Math.floor(next() * 4), second: 0, millisecond: 0 });
    const campaign = pick(CAMPAIGNS[zone]);
    const channels = [pick(CHANNELS), pick(CHANNELS)].filter((c, index, all) => all.indexOf(c) === index);
    const jurisdictions = JURISDICTIONS[zone];
    const state = pick(STATES);
    const lastModified = new Date(Date.UTC(2025, 9, 1) + Math.floor(next() * 120 * 86_400_000));
    const link = `https://app.${DOMAIN}/w/ws_4f2a/posts/${postId}?tab=review`;
    events.push({
      uid: `post-${postId}@${DOMAIN}`,
      sequence: Math.floor(next() * 6),
      start: local.toJSDate(),
      timezone: zone,
      durationMinutes: 30,
      summary: `[${state.label}] ${campaign} – ${channels.join(', ')}`,
      description: [
        `Campaign: ${campaign}`,
        `Channels: ${channels.join(', ')}; jurisdictions: ${jurisdictions.join(', ')}`,
        `Status: ${state.label}, revision ${1 + Math.floor(next() * 4)}`,
        `Open in Preclear: ${link}`,
      ].join('\n'),
      categories: [state.label, ...jurisdictions, ...channels],
      status: state.status,
      url: link,
      lastModified,
    });
    if (events.length < count && next() < 0.43) {
      const stage = pick(STAGES);
      const due = local.minus({ days: 2 + Math.floor(next() * 5) }).set({ hour: 17, minute: 0 });
      events.push({
        uid: `stage-${postId}-${stage}@${DOMAIN}`,
        sequence: Math.floor(next() * 3),
        start: due.toJSDate(),
        timezone: zone,
        durationMinutes: 15,
        summary: `[Review due: ${stage}] ${campaign}`,
        description: `Sign-off for the ${stage} stage is due for "${campaign}" (${channels.join(', ')}).\nOpen in Preclear: ${link}`,
        categories: ['Review deadline', stage, ...jurisdictions],
        status: 'TENTATIVE',
        url: link,
        lastModified,
      });
    }
  }
  return {
    name: 'Preclear – Compliance review queue (DE, UK, PL, US)',
    description: 'Posts and review deadlines',
    events,
  };
}

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = nowMs();
  const value = fn();
  return { ms: nowMs() - start, value };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const median = (samples: number[]): number => percentile(samples, 50);
const fmt = (ms: number): string => `${ms.toFixed(ms < 1 ? 4 : 1)} ms`;

/** A copy of the model with one event changed the way an edit changes it. */
function withOneEventChanged(model: FeedModel, index: number, round: number): FeedModel {
  const events = [...model.events];
  const original = events[index];
  events[index] = {
    ...original,
    sequence: original.sequence + round + 1,
    summary: `${original.summary} (edit ${round})`,
    lastModified: new Date(original.lastModified.getTime() + (round + 1) * 60_000),
  };
  return { ...model, events };
}

function main(): void {
  const icalGeneratorVersion = (
    JSON.parse(readFileSync(join(dirname(require.resolve('ical-generator')), '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const model = generateModel(EVENT_COUNT);

  // Measured before anything else runs, so the JIT has compiled none of the code yet.
  const firstEver = timed(() => new FeedRenderer().render(model));

  for (let i = 0; i < 3; i++) {
    renderFeedWithIcalGenerator(model);
    new FeedRenderer().render(model);
  }

  const baselineRuns: number[] = [];
  let baselineBody = '';
  for (let i = 0; i < RUNS; i++) {
    const run = timed(() => renderFeedWithIcalGenerator(model));
    baselineRuns.push(run.ms);
    baselineBody = run.value;
  }

  const coldRuns: number[] = [];
  let cold: RenderedFeed | undefined;
  for (let i = 0; i < RUNS; i++) {
    const renderer = new FeedRenderer();
    const run = timed(() => renderer.render(model));
    coldRuns.push(run.ms);
    cold = run.value;
  }

  const warmRenderer = new FeedRenderer();
  warmRenderer.render(model);
  const warmUnchangedRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    warmUnchangedRuns.push(timed(() => warmRenderer.render(model)).ms);
  }
  const warmChangedRuns: number[] = [];
  let warmChangedIdentical = true;
  for (let i = 0; i < RUNS; i++) {
    const changed = withOneEventChanged(model, (i * 331) % model.events.length, i);
    const run = timed(() => warmRenderer.render(changed));
    warmChangedRuns.push(run.ms);
    if (i === 0) {
      warmChangedIdentical = run.value.body === renderFeedWithIcalGenerator(changed);
    }
  }

  // The HTTP layer's 304 path: look up the cached rendering of (feed id, data version) and
  // compare the client's If-None-Match with its ETag. No rendering, no hashing.
  const httpCache = new Map<string, RenderedFeed>();
  for (let feed = 0; feed < 1000; feed++) {
    httpCache.set(`feed_${feed}:v${feed % 7}`, cold!);
  }
  const etag = cold!.etag;
  const conditionalRuns: number[] = [];
  let notModified = 0;
  for (let i = 0; i < CONDITIONAL_REQUESTS; i++) {
    const feed = i % 1000;
    const start = nowMs();
    const entry = httpCache.get(`feed_${feed}:v${feed % 7}`);
    if (entry !== undefined && isNotModified({ ifNoneMatch: etag }, entry)) {
      notModified++;
    }
    conditionalRuns.push(nowMs() - start);
  }

  const body = cold!.body;
  const bytes = cold!.bytes.length;
  const zonesInFeed = new Set(model.events.map((event) => event.timezone)).size;
  const lines = [
    `Feed benchmark: ${model.events.length} events in ${zonesInFeed} zones (${ZONES.join(', ')}), Node ${process.version}, ical-generator ${icalGeneratorVersion}, ${RUNS} runs per figure`,
    '',
    `baseline  bare ical-generator, one calendar + toString() (renderFeedWithIcalGenerator), median: ${fmt(median(baselineRuns))} (min ${fmt(Math.min(...baselineRuns))})`,
    `cold      FeedRenderer, new instance per run (empty block cache, empty offset memo), JIT warm, median: ${fmt(median(coldRuns))} (min ${fmt(Math.min(...coldRuns))}); target < 200 ms`,
    `cold      FeedRenderer, first render in this process (JIT not warmed, single sample): ${fmt(firstEver.ms)}`,
    `warm      FeedRenderer, block cache filled, one event changed per run, median: ${fmt(median(warmChangedRuns))}`,
    `warm      FeedRenderer, block cache filled, nothing changed, median: ${fmt(median(warmUnchangedRuns))}`,
    `ratio     baseline / cold: ${(median(baselineRuns) / median(coldRuns)).toFixed(2)}x faster; baseline / warm (one changed): ${(median(baselineRuns) / median(warmChangedRuns)).toFixed(1)}x faster`,
    `304 path  in-process only (Map lookup of (feed id, data version) + If-None-Match check; excludes HTTP, auth and the data-version query), ${CONDITIONAL_REQUESTS} requests: median ${fmt(median(conditionalRuns))}, p99 ${fmt(percentile(conditionalRuns, 99))}, max ${fmt(Math.max(...conditionalRuns))}; 304 answers: ${notModified}; target < 5 ms`,
    `body      ${bytes.toLocaleString('en')} bytes UTF-8 (${Math.round(bytes / model.events.length)} bytes/event); ${bytes < 1_000_000 ? 'under' : 'OVER'} the ~1 MB Google limit`,
    `identity  cold output byte-identical to baseline: ${body === baselineBody ? 'yes' : 'NO'}; warm output (one changed) byte-identical to a bare render of the changed model: ${warmChangedIdentical ? 'yes' : 'NO'}`,
  ];
  console.log(lines.join('\n'));
  if (process.env.BENCH_ICS_OUT) {
    writeFileSync(process.env.BENCH_ICS_OUT, cold!.bytes);
  }
  if (body !== baselineBody || !warmChangedIdentical) {
    process.exitCode = 1;
  }
}

main();
