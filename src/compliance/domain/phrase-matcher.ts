/**
 * Literal phrase matching on normalised text, for the workspace lexicon. A phrase is text,
 * never a pattern: matching is `indexOf` on both sides folded the same way (case, diacritics,
 * typographic quotes and dashes, runs of spaces), so any input runs in linear time and no
 * phrase can be a regular expression that backtracks.
 */

/** Text folded for comparison, with a map back to the original for evidence. */
export interface FoldedText {
  folded: string;
  /** folded index -> original UTF-16 index; one extra entry for the end. */
  offsets: number[];
}

const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  Ł: 'l',
};

const COMBINING_MARK = /\p{M}/u;
const SPACE = /\s/u;
const INVISIBLE = /[\u00ad\u200b-\u200d\ufeff]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Folds one code point: typographic variants to ASCII, then compatibility decomposition, marks dropped, lower case. */
function foldChar(char: string): string {
  const mapped = TYPOGRAPHIC[char] ?? char;
  let out = '';
  for (const c of mapped.normalize('NFKD')) if (!COMBINING_MARK.test(c)) out += c;
  return out.toLowerCase();
}

export function foldForMatching(text: string): FoldedText {
  let folded = '';
  const offsets: number[] = [];
  let lastWasSpace = true; // drops leading spaces
  let index = 0;
  for (const char of text) {
    const at = index;
    index += char.length;
    if (INVISIBLE.test(char)) continue;
    if (SPACE.test(char)) {
      if (lastWasSpace) continue;
      lastWasSpace = true;
      folded += ' ';
      offsets.push(at);
      continue;
    }
    lastWasSpace = false;
    for (const c of foldChar(char)) {
      folded += c;
      offsets.push(at);
    }
  }
  offsets.push(text.length);
  return { folded, offsets };
}

/** A phrase as stored for matching: folded, trimmed. */
export function foldPhrase(phrase: string): string {
  return foldForMatching(phrase).folded.trim();
}

export interface PhraseMatch {
  start: number;
  end: number;
  text: string;
}

/**
 * The first occurrence of `foldedPhrase` in `text` that stands as whole words: "loan" does
 * not match inside "loans" or "balloon". Returns the span of the original text.
 */
export function findPhrase(text: string, folded: FoldedText, foldedPhrase: string): PhraseMatch | null {
  if (foldedPhrase.length === 0) return null;
  const startsWithWord = WORD_CHAR.test(foldedPhrase[0]);
  const endsWithWord = WORD_CHAR.test(foldedPhrase[foldedPhrase.length - 1]);
  let from = 0;
  for (;;) {
    const at = folded.folded.indexOf(foldedPhrase, from);
    if (at === -1) return null;
    const end = at + foldedPhrase.length;
    const before = at > 0 ? folded.folded[at - 1] : '';
    const after = end < folded.folded.length ? folded.folded[end] : '';
    const clearBefore = !startsWithWord || before === '' || !WORD_CHAR.test(before);
    const clearAfter = !endsWithWord || after === '' || !WORD_CHAR.test(after);
    if (clearBefore && clearAfter) {
      const start = folded.offsets[at];
      const originalEnd = folded.offsets[end - 1] + 1;
      // A surrogate pair folds to one character: take the whole code point.
      const stop =
        originalEnd < text.length && /[\udc00-\udfff]/.test(text[originalEnd]) ? originalEnd + 1 : originalEnd;
      return { start, end: stop, text: text.slice(start, stop) };
    }
    from = at + 1;
  }
}
