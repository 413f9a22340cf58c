import { foldWord, stemFolded } from './normalise';

/**
 * The words of a text as phrase patterns see them: letter runs, numbers ("3,99", "10.000")
 * and the signs %, €, £, $ as tokens, each with its span in the text and its sentence (a new
 * sentence starts after . ! ? ; or a line break that normalisation turned into a space is not
 * one). Built once per post and language, on first use, in one linear scan.
 */
export class WordIndex {
  private readonly stems = new Map<string, readonly string[]>();

  private constructor(
    /** Folded (lower case, no diacritics), not stemmed. */
    readonly folded: readonly string[],
    readonly starts: readonly number[],
    readonly ends: readonly number[],
    readonly sentences: readonly number[],
  ) {}

  static of(text: string): WordIndex {
    const folded: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const sentences: number[] = [];
    let sentence = 0;
    TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[1] !== undefined) {
        sentence++;
        continue;
      }
      folded.push(foldWord(m[0]));
      starts.push(m.index);
      ends.push(m.index + m[0].length);
      sentences.push(sentence);
    }
    return new WordIndex(folded, starts, ends, sentences);
  }

  get length(): number {
    return this.folded.length;
  }

  /** The words with one inflectional ending of `language` removed. */
  stemmed(language: string): readonly string[] {
    let list = this.stems.get(language);
    if (list === undefined) {
      list = this.folded.map((w) => stemFolded(w, language));
      this.stems.set(language, list);
    }
    return list;
  }
}

// Sentence ends first (a dot between digits belongs to the number), then numbers, words, signs.
// Every branch is bounded or a single class run, so the scan is linear.
const TOKEN = /([.!?;](?![\d]))|\d{1,30}(?:[.,]\d{1,30}){0,6}|[\p{L}\p{N}_]{1,80}|[%€£$]/gu;
