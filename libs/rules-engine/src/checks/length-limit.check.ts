import { ArgReader } from '../pack/arg-reader';
import { weightedLength } from '../text/weighted-length';
import { Channel, CHANNELS } from '../types';
import { defineCheck } from './check-kind';

interface Args {
  limits: ReadonlyMap<Channel, number>;
  urlWeight: ReadonlyMap<Channel, number>;
  wideCharsDouble: ReadonlySet<Channel>;
}

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
