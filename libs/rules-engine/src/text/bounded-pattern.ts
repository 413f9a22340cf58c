/**
 * Patterns that are linear by construction, so the CPU budget probe (pattern-budget.ts) has
 * nothing to find in them: no repeating quantifier (`*`, `+`, `{m,n}`) and no back-reference,
 * only literals, classes, escapes, groups, lookarounds, alternatives and `?`. A match attempt
 * at one position then follows at most `paths` ways through the pattern, each no longer than
 * the pattern, whatever the text: a scan costs a bounded amount per position. About half the
 * pack patterns ("\bohne Schufa\b", "\bTAE\b|\bAER\b") are of this kind; probing them took
 * most of the compilation time. The parse is conservative: anything it does not know is
 * "not bounded" and gets probed.
 */

/** Above this many ways per position a pattern is probed like any other. */
export const MAX_BOUNDED_PATHS = 256;

interface Cursor {
  readonly src: string;
  i: number;
}

/** Ways through a (part of a) pattern, and the fewest characters a match of it consumes. */
export interface BoundedShape {
  readonly paths: number;
  readonly minLength: number;
}

class Unbounded extends Error {}

// Thrown as a signal only: one instance, so no stack trace is captured per pattern.
const UNBOUNDED = new Unbounded('pattern repeats or is not understood');

/**
 * The number of ways one match attempt can take (at most MAX_BOUNDED_PATHS), or null when the
 * pattern repeats or is not understood. `source` is a pack pattern as written (\b not yet expanded).
 */
export function boundedPaths(source: string): number | null {
  return boundedShape(source)?.paths ?? null;
}

/** Paths and minimum match length of a pack pattern without repetition, or null. */
export function boundedShape(source: string): BoundedShape | null {
  const cursor: Cursor = { src: source, i: 0 };
  try {
    const shape = alternation(cursor);
    return cursor.i === source.length ? shape : null;
  } catch (error) {
    if (error === UNBOUNDED) return null;
    throw error;
  }
}

function capped(paths: number): number {
  if (paths > MAX_BOUNDED_PATHS) throw UNBOUNDED;
  return paths;
}

function alternation(c: Cursor): BoundedShape {
  let { paths, minLength } = sequence(c);
  while (c.src[c.i] === '|') {
    c.i++;
    const next = sequence(c);
    paths = capped(paths + next.paths);
    minLength = Math.min(minLength, next.minLength);
  }
  return { paths, minLength };
}

function sequence(c: Cursor): BoundedShape {
  let paths = 1;
  let minLength = 0;
  while (c.i < c.src.length && c.src[c.i] !== '|' && c.src[c.i] !== ')') {
    const part = atom(c);
    let atomPaths = part.paths;
    const q = c.src[c.i];
    if (q === '*' || q === '+' || q === '{') throw UNBOUNDED;
    if (q === '?') {
      c.i++;
      if (c.src[c.i] === '?') c.i++;
      atomPaths += 1;
    } else {
      minLength += part.minLength;
    }
    paths = capped(paths * atomPaths);
  }
  return { paths, minLength };
}

const ONE_CHAR: BoundedShape = { paths: 1, minLength: 1 };
const ZERO_WIDTH: BoundedShape = { paths: 1, minLength: 0 };
const BOUNDARY: BoundedShape = { paths: 2, minLength: 0 };

function atom(c: Cursor): BoundedShape {
  const ch = c.src[c.i];
  if (ch === '\\') return escape(c);
  if (ch === '[') {
    skipClass(c);
    return ONE_CHAR;
  }
  if (ch === '(') return group(c);
  if (ch === '*' || ch === '+' || ch === '?' || ch === '{' || ch === '}' || ch === ']') throw UNBOUNDED;
  // An astral character is two code units in the source but one atom for a quantifier after it.
  const code = ch.charCodeAt(0);
  c.i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return ch === '^' || ch === '$' ? ZERO_WIDTH : ONE_CHAR;
}

function group(c: Cursor): BoundedShape {
  const rest = c.src.slice(c.i, c.i + 4);
  let lookaround = false;
  if (rest.startsWith('(?:')) c.i += 3;
  else if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
    c.i += 3;
    lookaround = true;
  } else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
    c.i += 4;
    lookaround = true;
  } else if (rest.startsWith('(?<')) {
    const close = c.src.indexOf('>', c.i);
    if (close < 0) throw UNBOUNDED;
    c.i = close + 1;
  } else if (rest.startsWith('(?')) throw UNBOUNDED;
  else c.i += 1;
  const inner = alternation(c);
  if (c.src[c.i] !== ')') throw UNBOUNDED;
  c.i++;
  // A lookaround consumes nothing: it adds ways to try, not length.
  return lookaround ? { paths: inner.paths, minLength: 0 } : inner;
}

/** Single-character escapes and classes; back-references (\1, \k<name>) repeat text of unknown length. */
function escape(c: Cursor): BoundedShape {
  const next = c.src[c.i + 1] ?? '';
  c.i += 2;
  if (/[1-9k]/.test(next) || next === '') throw UNBOUNDED;
  // \b and \B become a boundary test of at most two ways (word-boundary.ts), consuming nothing.
  if (next === 'b' || next === 'B') return BOUNDARY;
  if (next === 'p' || next === 'P' || (next === 'u' && c.src[c.i] === '{')) {
    const close = c.src.indexOf('}', c.i);
    if (c.src[c.i] !== '{' || close < 0) throw UNBOUNDED;
    c.i = close + 1;
  } else if (next === 'u') c.i += 4;
  else if (next === 'x') c.i += 2;
  else if (next === 'c') c.i += 1;
  return ONE_CHAR;
}

function skipClass(c: Cursor): void {
  c.i++;
  while (c.i < c.src.length && c.src[c.i] !== ']') c.i += c.src[c.i] === '\\' ? 2 : 1;
  if (c.src[c.i] !== ']') throw UNBOUNDED;
  c.i++;
}
