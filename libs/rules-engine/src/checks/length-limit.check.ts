import { ArgReader } from '../pack/arg-reader';
import { Channel, CHANNELS } from '../types';
import { defineCheck } from './check-kind';

interface Args {
  limits: ReadonlyMap<Channel, number>;
  urlWeight: ReadonlyMap<Channel, number>;
  wideCharsDouble: ReadonlySet<Channel>;
}

// Candidate tokens: a dot with something after it (cheap to find); each is then tested as a
// whole against URL. The lookbehind anchors a token at its first character, so a long run
// without spaces is scanned once, not once per position: scheme or www URLs, and bare domains of the TLDs our posts use (X links
// those too).
const DOTTED_TOKEN = /(?<!\S)\S*\.\S+/g;
const URL = /^(?:https?:\/\/\S+|www\.\S+|(?:[a-z0-9-]+\.)+(?:com|org|net|uk|de|fr|es|nl|pl|eu|io|co|us|gov)(?:\/\S*)?[.,;:!?)]*)$/i;

/**
 * Channel text limits, counted on the body plus every text the fix findings of all
 * jurisdictions will add (a post that fits only until its mandatory warning is appended does
 * not fit). X weighting: each URL counts as `urlWeight` (t.co links) and, when enabled, CJK
 * and emoji count double. Elsewhere the count is in Unicode code points.
 */
export const lengthLimit = defineCheck<Args>({
  kind: 'length-limit',
  findingKinds: ['length_limit'],
  messageParams: ['channel', 'limit', 'length', 'over'],
  phase: 'final',

  validateArgs(args: ArgReader) {
    args.allowOnly(['limits', 'urlWeight', 'wideCharsDouble']);
    return {
      limits: channelNumbers(args.child('limits')),
      urlWeight: args.has('urlWeight') ? channelNumbers(args.child('urlWeight')) : new Map(),
      wideCharsDouble: new Set(args.has('wideCharsDouble') ? args.enumList('wideCharsDouble', CHANNELS) : []),
    };
  },

  compile({ limits, urlWeight, wideCharsDouble }) {
    return (ctx, out) => {
      for (const channel of ctx.facts.channels) {
        const limit = limits.get(channel);
        if (limit === undefined) continue;
        const weight = urlWeight.get(channel);
        const wide = wideCharsDouble.has(channel);
        // UTF-16 units bound code points from above: a post that fits by that count needs no counting.
        if (weight === undefined && !wide && upperBound(ctx.facts.body, ctx.pendingFixTexts) <= limit) continue;
        const weigh = (text: string): number => weightedLength(text, weight, wide);
        let length = weigh(ctx.facts.body);
        // Each added text goes on its own line (one separator character).
        for (const added of ctx.pendingFixTexts) length += weigh(added) + 1;
        if (length > limit) out.finding({ channel, params: { channel, limit, length, over: length - limit } });
      }
    };
  },
});

function upperBound(body: string, added: readonly string[]): number {
  let length = body.length;
  for (let i = 0; i < added.length; i++) length += added[i].length + 1;
  return length;
}

function channelNumbers(reader: ArgReader): Map<Channel, number> {
  reader.allowOnly(CHANNELS);
  const map = new Map<Channel, number>();
  for (const key of reader.keys()) map.set(key as Channel, reader.number(key, { min: 1, integer: true }));
  return map;
}

export function weightedLength(text: string, urlWeight: number | undefined, wideDouble: boolean): number {
  let length = 0;
  let rest = text;
  if (urlWeight !== undefined) {
    rest = text.replace(DOTTED_TOKEN, (token) => {
      if (!URL.test(token)) return token;
      length += urlWeight;
      return '';
    });
  }
  for (const ch of rest) {
    const code = ch.codePointAt(0) as number;
    // Joiners and variation selectors are part of the emoji before them.
    if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    length += wideDouble && isWide(code) ? 2 : 1;
  }
  return length;
}

/** X counts these ranges as one; everything else (CJK, emoji) as two. */
function isWide(code: number): boolean {
  return !(code <= 0x10ff || (code >= 0x2000 && code <= 0x200d) || (code >= 0x2010 && code <= 0x201f) || (code >= 0x2032 && code <= 0x2037));
}
