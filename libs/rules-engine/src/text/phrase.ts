import { ArgError } from '../errors';
import { negationsOf, stemFolded } from './normalise';
import { WordIndex } from './words';

/** A phrase as a pack states it: `{ phrase: 'Zusage garantiert', gap: 3, order: any }`. */
export interface PhraseSpec {
  phrase: string;
  /** Other words allowed between and around the phrase's words (default 3). */
  gap?: number;
  /** 'any' (default): the words in any order; 'fixed': in the order written. */
  order?: 'any' | 'fixed';
}

export const MAX_PHRASE_WORDS = 8;
export const MAX_PHRASE_GAP = 8;
export const DEFAULT_PHRASE_GAP = 3;

type WordKind = 'exact' | 'prefix' | 'suffix' | 'infix';

interface PhraseWord {
  readonly kind: WordKind;
  /** Folded text: the whole word (exact, stemmed per post language when matched) or the fixed part of a wildcard. */
  readonly folded: string;
}

export interface WordSpan {
  first: number;
  last: number;
}

/**
 * A phrase matched on normalised words: case, diacritics and inflection folded (see
 * normalise.ts), the words within one sentence, in any order unless `order: fixed`, with at
 * most `gap` other words in the span. `*` at the start or end of a word matches compounds
 * and word families ("*zusage" finds Kreditzusage, "garant*" finds Garantie, garantiert).
 * A negation inside the span or just before it ("nicht garantiert", "non garanti") is a denial,
 * not the claim, unless the phrase names that word itself ("no risk").
 * Matching walks the words once per start position with a window of at most
 * MAX_PHRASE_WORDS + MAX_PHRASE_GAP words, so it is linear in the text: no input can make it
 * slow, and phrases need no CPU budget probe.
 */
export class Phrase {
  private readonly stemmedCache = new Map<string, readonly string[]>();

  private constructor(
    readonly source: string,
    private readonly words: readonly PhraseWord[],
    private readonly ordered: boolean,
    private readonly gap: number,
  ) {}

  static compile(spec: PhraseSpec, path: string): Phrase {
    const gap = spec.gap ?? DEFAULT_PHRASE_GAP;
    if (!Number.isInteger(gap) || gap < 0 || gap > MAX_PHRASE_GAP) {
      throw new ArgError(`${path}.gap`, `must be a whole number from 0 to ${MAX_PHRASE_GAP}`);
    }
    const words: PhraseWord[] = [];
    for (const chunk of spec.phrase.trim().split(/\s+/)) {
      const prefix = chunk.endsWith('*');
      const suffix = chunk.startsWith('*');
      const core = chunk.replace(/^\*|\*$/g, '');
      const tokens = WordIndex.of(core).folded;
      if ((prefix || suffix) && (tokens.length !== 1 || core.length < 3)) {
        throw new ArgError(
          `${path}.phrase`,
          `'${chunk}': a wildcard * goes at the start or end of one word of at least three letters`,
        );
      }
      const kind: WordKind = prefix && suffix ? 'infix' : prefix ? 'prefix' : suffix ? 'suffix' : 'exact';
      for (const folded of tokens) words.push({ kind, folded });
    }
    if (words.length === 0 || words.length > MAX_PHRASE_WORDS) {
      throw new ArgError(`${path}.phrase`, `must have from 1 to ${MAX_PHRASE_WORDS} words, got ${words.length}`);
    }
    return new Phrase(spec.phrase, words, spec.order === 'fixed', gap);
  }

  /**
   * Folded parts every match contains, checked with `includes` on the folded body before the
   * words are indexed (a stem is a prefix of the folded word, so it is contained too).
   */
  prefilter(language: string): readonly string[] {
    return this.stemmedWords(language);
  }

  /** The earliest match at or after word `from`, as a word span. */
  find(index: WordIndex, language: string, from = 0): WordSpan | null {
    const words = this.stemmedWords(language);
    const stems = index.stemmed(language);
    const k = words.length;
    for (let s = from; s < index.length; s++) {
      if (!this.matchesAny(s, index, stems, words)) continue;
      const end = Math.min(index.length, s + k + this.gap);
      const last = this.ordered
        ? this.inOrder(s, end, index, stems, words)
        : this.anyOrder(s, end, index, stems, words);
      if (last >= 0 && !this.negated(s, last, index, language)) return { first: s, last };
    }
    return null;
  }

  /** A negation inside the span or as the word before it (same sentence) turns the claim into its denial. */
  private negated(first: number, last: number, index: WordIndex, language: string): boolean {
    const negations = negationsOf(language);
    const from = first > 0 && index.sentences[first - 1] === index.sentences[first] ? first - 1 : first;
    for (let t = from; t <= last; t++) {
      const word = index.folded[t];
      if (negations.has(word) && !this.words.some((w) => w.folded === word)) return true;
    }
    return false;
  }

  private inOrder(
    s: number,
    end: number,
    index: WordIndex,
    stems: readonly string[],
    words: readonly string[],
  ): number {
    let j = 0;
    for (let t = s; t < end && index.sentences[t] === index.sentences[s]; t++) {
      if (this.wordMatches(j, t, index, stems, words) && ++j === words.length) return t;
      if (t === s && j === 0) return -1; // a fixed-order match starts with the first word
    }
    return -1;
  }

  private anyOrder(
    s: number,
    end: number,
    index: WordIndex,
    stems: readonly string[],
    words: readonly string[],
  ): number {
    let used = 0;
    let count = 0;
    for (let t = s; t < end && index.sentences[t] === index.sentences[s]; t++) {
      for (let j = 0; j < words.length; j++) {
        if ((used & (1 << j)) !== 0 || !this.wordMatches(j, t, index, stems, words)) continue;
        used |= 1 << j;
        if (++count === words.length) return t;
        break;
      }
    }
    return -1;
  }

  private matchesAny(t: number, index: WordIndex, stems: readonly string[], words: readonly string[]): boolean {
    const upTo = this.ordered ? 1 : words.length;
    for (let j = 0; j < upTo; j++) if (this.wordMatches(j, t, index, stems, words)) return true;
    return false;
  }

  private wordMatches(
    j: number,
    t: number,
    index: WordIndex,
    stems: readonly string[],
    words: readonly string[],
  ): boolean {
    const word = this.words[j];
    switch (word.kind) {
      case 'exact':
        return stems[t] === words[j];
      case 'prefix':
        return index.folded[t].startsWith(word.folded);
      case 'suffix':
        // Stemmed on both sides, so "*zusage" finds Kreditzusagen too.
        return stems[t].endsWith(words[j]);
      case 'infix':
        return index.folded[t].includes(word.folded);
    }
  }

  /**
   * Exact and `*suffix` words stemmed for the post language; prefix and infix wildcards keep their folded fixed part.
   */
  private stemmedWords(language: string): readonly string[] {
    let list = this.stemmedCache.get(language);
    if (list === undefined) {
      list = this.words.map((w) =>
        w.kind === 'exact' || w.kind === 'suffix' ? stemFolded(w.folded, language) : w.folded,
      );
      this.stemmedCache.set(language, list);
    }
    return list;
  }
}
