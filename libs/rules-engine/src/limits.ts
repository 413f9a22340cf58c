import { weightedLength } from './text/weighted-length';
import { Channel } from './types';

/**
 * The longest body the API accepts, in UTF-16 code units, whatever the channels. It bounds the
 * work of one evaluation: every pack pattern is proven at compile time to stay within its CPU
 * budget on adversarial texts of this length (see text/pattern-budget.ts).
 */
export const MAX_BODY_LENGTH = 5000;

/**
 * What each channel itself publishes, counted as the channel counts (X: URLs as 23, CJK and
 * emoji as 2; elsewhere code points), capped at MAX_BODY_LENGTH. A body longer than the limit
 * of any of its channels is refused by the API: the channel would refuse it anyway.
 * Sources: X counting-characters docs; Instagram and TikTok caption limit 2,200; LinkedIn post
 * 3,000; Pinterest pin description 500; YouTube description 5,000; Facebook 63,206 (capped).
 */
export const CHANNEL_BODY_LIMITS: Readonly<Record<Channel, number>> = {
  x: 280,
  instagram: 2200,
  facebook: MAX_BODY_LENGTH,
  linkedin: 3000,
  tiktok: 2200,
  pinterest: 500,
  youtube: 5000,
};

const X_URL_WEIGHT = 23;

/** The body's length as `channel` counts it. */
export function channelLength(body: string, channel: Channel): number {
  return channel === 'x' ? weightedLength(body, X_URL_WEIGHT, true) : codePoints(body);
}

export interface BodyLengthProblem {
  /** The channel whose limit the body exceeds, or null for the absolute maximum. */
  channel: Channel | null;
  limit: number;
  length: number;
}

/** The first limit the body breaks (the absolute maximum first, then the channels in order), or null when it fits. */
export function bodyLengthProblem(body: string, channels: readonly Channel[]): BodyLengthProblem | null {
  if (body.length > MAX_BODY_LENGTH) return { channel: null, limit: MAX_BODY_LENGTH, length: body.length };
  for (const channel of channels) {
    const limit = CHANNEL_BODY_LIMITS[channel];
    if (limit === undefined) continue;
    // Cheap exit: outside X a code point is never more than one UTF-16 unit.
    if (channel !== 'x' && body.length <= limit) continue;
    const length = channelLength(body, channel);
    if (length > limit) return { channel, limit, length };
  }
  return null;
}

function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff) n++;
  }
  return n;
}
