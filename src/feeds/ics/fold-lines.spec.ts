import { foldLines } from 'ical-generator';
import { foldIcsLines } from './fold-lines';

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

// 1-, 2-, 3- and 4-octet characters, lone surrogates, and the separators that matter.
const PIECES = ['a', 'Z', ' ', ';', 'ü', 'ł', '€', '中', '😀', '👍🏽', '\uD800', '\uDC00', '\r\n', '\n', '\r', '\t'];

describe(foldIcsLines.name, () => {
  it('matches ical-generator foldLines on 5,000 random texts', () => {
    const next = random(1);
    for (let i = 0; i < 5000; i++) {
      const length = Math.floor(next() * 400);
      const text = Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      expect(foldIcsLines(text)).toBe(foldLines(text));
    }
  });

  it.each([
    ['exactly 74 octets', 'X'.repeat(74)],
    ['75 octets', 'X'.repeat(75)],
    ['a 2-octet character across the limit', 'X'.repeat(73) + 'ü' + 'Y'],
    ['a 4-octet character across the limit', 'X'.repeat(72) + '😀' + 'Y'],
    ['a high surrogate at the very end', 'X'.repeat(80) + '\uD83D'],
    ['empty lines', '\r\n\r\n'],
  ])('matches ical-generator foldLines for %s', (_, text) => {
    expect(foldIcsLines(text)).toBe(foldLines(text));
  });

  it('keeps every physical line within 75 octets and unfolds to the input', () => {
    const text = `DESCRIPTION:${'Jahreszins 3,5 % – 😀 中文 '.repeat(40)}\r\nSUMMARY:short\r\n`;
    const folded = foldIcsLines(text);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(text);
  });
});
