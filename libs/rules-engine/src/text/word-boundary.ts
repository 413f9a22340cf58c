// JavaScript's \b only knows ASCII letters, so "\bzł\b" or "\bÉpargne" would silently fail.
// Packs write \b and mean a word boundary in Latin (with all its accents and Polish letters),
// Greek or Cyrillic text. An explicit range rather than \p{L}: with the i flag V8 builds the
// case-folded \p{L} class for every pattern, which made compiling the packs several times slower.
export const WORD_CHAR =
  '[0-9A-Za-z_\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff\\u1e00-\\u1eff]';
const UNICODE_BOUNDARY = `(?:(?<=${WORD_CHAR})(?!${WORD_CHAR})|(?<!${WORD_CHAR})(?=${WORD_CHAR}))`;
const UNICODE_NON_BOUNDARY = `(?:(?<=${WORD_CHAR})(?=${WORD_CHAR})|(?<!${WORD_CHAR})(?!${WORD_CHAR}))`;

/**
 * Rewrites \b and \B outside character classes into Unicode-aware lookarounds. Where the
 * character after \b is known to be a letter or digit (a literal, or a group whose every
 * alternative starts with one) only the one-sided lookbehind is needed; likewise before \b.
 * The one-sided forms are much cheaper to run than the two-sided boundary.
 */
export function expandWordBoundaries(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      if (!inClass && next === 'b') {
        const before = out.length > 0 ? out[out.length - 1] : '';
        const afterIsWord = startsWithWordChar(source, i + 2);
        const beforeIsWord = WORD_LITERAL.test(before) && !endsWithEscape(out);
        if (afterIsWord && !beforeIsWord) out += `(?<!${WORD_CHAR})`;
        else if (beforeIsWord && !afterIsWord) out += `(?!${WORD_CHAR})`;
        else out += UNICODE_BOUNDARY;
      } else if (!inClass && next === 'B') {
        out += UNICODE_NON_BOUNDARY;
      } else {
        out += ch + next;
      }
      i++;
      continue;
    }
    if (ch === '[' && !inClass) inClass = true;
    else if (ch === ']' && inClass) inClass = false;
    out += ch;
  }
  return out;
}

const WORD_LITERAL = /^[\p{L}\p{N}]$/u;

/** Does every way of matching from `at` start with a letter or digit literal? */
function startsWithWordChar(source: string, at: number): boolean {
  const ch = source[at] ?? '';
  if (WORD_LITERAL.test(ch)) return true;
  if (ch !== '(') return false;
  let start = at + 1;
  if (source.startsWith('?:', start)) start += 2;
  else if (source[start] === '?') return false; // lookaround or named group: do not guess
  const alternatives: number[] = [start];
  let depth = 0;
  let inClass = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return alternatives.every((a) => startsWithWordChar(source, a));
      depth--;
    } else if (c === '|' && depth === 0) alternatives.push(i + 1);
  }
  return false;
}

function endsWithEscape(out: string): boolean {
  // "\d\b" : the letter before \b is part of an escape, so we cannot know it is a word char.
  let backslashes = 0;
  for (let i = out.length - 2; i >= 0 && out[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}
