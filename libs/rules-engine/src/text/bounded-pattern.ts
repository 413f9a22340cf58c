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

class Unbounded extends Error {}

/** The number of ways one match attempt can take (at most MAX_BOUNDED_PATHS), or null when the pattern repeats or is not understood. */
export function boundedPaths(source: string): number | null {
  const cursor: Cursor = { src: source, i: 0 };
  try {
    const paths = alternation(cursor);
    return cursor.i === source.length ? paths : null;
  } catch (error) {
    if (error instanceof Unbounded) return null;
    throw error;
  }
}

function capped(paths: number): number {
  if (paths > MAX_BOUNDED_PATHS) throw new Unbounded();
  return paths;
}

function alternation(c: Cursor): number {
  let paths = sequence(c);
  while (c.src[c.i] === '|') {
    c.i++;
    paths = capped(paths + sequence(c));
  }
  return paths;
}

function sequence(c: Cursor): number {
  let paths = 1;
  while (c.i < c.src.length && c.src[c.i] !== '|' && c.src[c.i] !== ')') {
    let atomPaths = atom(c);
    const q = c.src[c.i];
    if (q === '*' || q === '+' || q === '{') throw new Unbounded();
    if (q === '?') {
      c.i++;
      if (c.src[c.i] === '?') c.i++;
      atomPaths += 1;
    }
    paths = capped(paths * atomPaths);
  }
  return paths;
}

function atom(c: Cursor): number {
  const ch = c.src[c.i];
  if (ch === '\\') {
    escape(c);
    return 1;
  }
  if (ch === '[') {
    skipClass(c);
    return 1;
  }
  if (ch === '(') return group(c);
  if (ch === '*' || ch === '+' || ch === '?' || ch === '{' || ch === '}' || ch === ']') throw new Unbounded();
  c.i++;
  return 1;
}

function group(c: Cursor): number {
  const rest = c.src.slice(c.i, c.i + 4);
  if (rest.startsWith('(?:') || rest.startsWith('(?=') || rest.startsWith('(?!')) c.i += 3;
  else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) c.i += 4;
  else if (rest.startsWith('(?<')) {
    const close = c.src.indexOf('>', c.i);
    if (close < 0) throw new Unbounded();
    c.i = close + 1;
  } else if (rest.startsWith('(?')) throw new Unbounded();
  else c.i += 1;
  const paths = alternation(c);
  if (c.src[c.i] !== ')') throw new Unbounded();
  c.i++;
  return paths;
}

/** Single-character escapes and classes; back-references (\1, \k<name>) repeat text of unknown length. */
function escape(c: Cursor): void {
  const next = c.src[c.i + 1] ?? '';
  c.i += 2;
  if (/[1-9k]/.test(next) || next === '') throw new Unbounded();
  if (next === 'p' || next === 'P' || (next === 'u' && c.src[c.i] === '{')) {
    const close = c.src.indexOf('}', c.i);
    if (c.src[c.i] !== '{' || close < 0) throw new Unbounded();
    c.i = close + 1;
  } else if (next === 'u') c.i += 4;
  else if (next === 'x') c.i += 2;
  else if (next === 'c') c.i += 1;
}

function skipClass(c: Cursor): void {
  c.i++;
  while (c.i < c.src.length && c.src[c.i] !== ']') c.i += c.src[c.i] === '\\' ? 2 : 1;
  if (c.src[c.i] !== ']') throw new Unbounded();
  c.i++;
}
