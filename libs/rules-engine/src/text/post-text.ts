import { Evidence } from '../types';
import { foldWord } from './normalise';
import { BIGRAM_BITS, bigramHash, literalById, literalCount } from './required-literals';
import { WordIndex } from './words';

/**
 * The body of a post in the form every check searches: typographic variants collapsed so
 * that a pack author writes one pattern ("3,9 %") and it matches what editors paste
 * ("3,9\u00a0%", curly quotes, line breaks). Offsets found in `normalized` are mapped back
 * to the original body for evidence, so a reviewer sees exactly the published characters.
 */
export class PostText {
  private foldedCache: string | undefined;
  private lowerCache: string | undefined;
  private plainCache: string | undefined;
  private wordsCache: WordIndex | undefined;
  /** This text's mark in the shared literal table (see LiteralTable). */
  private readonly stamp = LiteralTable.nextStamp();
  /** Bit table of the character pairs of `lower` (see bigramHash). */
  private bigramTable: Int32Array | undefined;

  private constructor(
    readonly original: string,
    readonly normalized: string,
    /** normalized index -> original index; null when the two strings are identical. */
    private readonly offsets: Uint32Array | null,
  ) {}

  static of(body: string): PostText {
    if (!NEEDS_NORMALISING.test(body)) return new PostText(body, body, null);
    const offsets = new Uint32Array(body.length + 1);
    let out = '';
    let lastWasSpace = false;
    for (let i = 0; i < body.length; i++) {
      const code = body.charCodeAt(i);
      if (isInvisible(code)) continue;
      let replacement: string;
      if (isSpace(code)) {
        if (lastWasSpace) continue;
        replacement = ' ';
        lastWasSpace = true;
      } else {
        replacement = replacementFor(code) ?? body[i];
        lastWasSpace = false;
      }
      offsets[out.length] = i;
      out += replacement;
    }
    offsets[out.length] = body.length;
    return new PostText(body, out, offsets);
  }

  /** Lower-cased, punctuation-spacing-insensitive form used to compare exact disclosure texts. */
  get folded(): string {
    if (this.foldedCache === undefined) this.foldedCache = foldLowered(this.lower);
    return this.foldedCache;
  }

  /** `normalized` lower-cased, for the literal prefilter of case-insensitive patterns (computed once per post). */
  get lower(): string {
    if (this.lowerCache === undefined) this.lowerCache = this.normalized.toLowerCase();
    return this.lowerCache;
  }

  /** Does the body contain the literal (see required-literals.ts)? Each literal is looked up once per post. */
  hasLiteral(id: number): boolean {
    const known = LiteralTable.lookup(id, this.stamp);
    if (known !== undefined) return known;
    const { text, caseSensitive, bigrams } = literalById(id);
    // Most literals are absent: a missing character pair proves it without scanning the text.
    const hit =
      (bigrams === null || this.hasBigrams(bigrams)) && (caseSensitive ? this.normalized : this.lower).includes(text);
    LiteralTable.store(id, this.stamp, hit);
    return hit;
  }

  private hasBigrams(bigrams: Uint16Array): boolean {
    let table = this.bigramTable;
    if (table === undefined) table = this.bigramTable = bigramTableOf(this.lower);
    for (let i = 0; i < bigrams.length; i++) {
      const h = bigrams[i];
      if ((table[h >>> 5] & (1 << (h & 31))) === 0) return false;
    }
    return true;
  }

  /** Does the body contain at least one of the literals (a rule's literal gate)? */
  hasAnyLiteral(ids: Int32Array): boolean {
    for (let i = 0; i < ids.length; i++) if (this.hasLiteral(ids[i])) return true;
    return false;
  }

  /** Lower case without diacritics: the prefilter of phrase patterns. */
  get plain(): string {
    // From the lower-cased body the literal prefilter already made: folding lower case is cheaper.
    if (this.plainCache === undefined) this.plainCache = foldWord(this.lower);
    return this.plainCache;
  }

  /** The words of the body for phrase patterns, indexed once per post. */
  words(): WordIndex {
    if (this.wordsCache === undefined) this.wordsCache = WordIndex.of(this.normalized);
    return this.wordsCache;
  }

  /** Evidence for a [start, end) range of `normalized`, expressed in the original body. */
  evidence(start: number, end: number): Evidence {
    if (this.offsets === null) return { start, end, text: this.original.slice(start, end) };
    const originalStart = this.offsets[start];
    const originalEnd = end > start ? this.offsets[end - 1] + 1 : originalStart;
    return { start: originalStart, end: originalEnd, text: this.original.slice(originalStart, originalEnd) };
  }
}

/**
 * What each literal's last lookup found, and for which text: one table shared by all texts
 * instead of a per-post array of every literal (evaluation then allocates nothing for the
 * prefilter). An entry counts only for the text whose stamp it carries; another text's
 * lookup overwrites it and the first text looks again, so interleaved texts stay correct.
 * Stamps are doubles: they never repeat within a process.
 */
const LiteralTable = {
  stamps: new Float64Array(0),
  hits: new Uint8Array(0),
  lastStamp: 0,

  nextStamp(): number {
    return ++LiteralTable.lastStamp;
  },

  lookup(id: number, stamp: number): boolean | undefined {
    if (id < LiteralTable.stamps.length && LiteralTable.stamps[id] === stamp) return LiteralTable.hits[id] === 1;
    return undefined;
  },

  store(id: number, stamp: number, hit: boolean): void {
    if (id >= LiteralTable.stamps.length) {
      const size = Math.max(literalCount(), id + 1);
      const stamps = new Float64Array(size);
      stamps.set(LiteralTable.stamps);
      const hits = new Uint8Array(size);
      hits.set(LiteralTable.hits);
      LiteralTable.stamps = stamps;
      LiteralTable.hits = hits;
    }
    LiteralTable.stamps[id] = stamp;
    LiteralTable.hits[id] = hit ? 1 : 0;
  },
};

function bigramTableOf(text: string): Int32Array {
  const table = new Int32Array(BIGRAM_BITS >>> 5);
  for (let i = 1; i < text.length; i++) {
    const h = bigramHash(text.charCodeAt(i - 1), text.charCodeAt(i));
    table[h >>> 5] |= 1 << (h & 31);
  }
  return table;
}

/** Normalises then folds any text (used for disclosure texts in packs and for media alt texts). */
export function foldText(text: string): string {
  return foldLowered(PostText.of(text).normalized.toLowerCase());
}

/**
 * Case and spacing before punctuation do not change a mandatory text ("Attention !" in French
 * typography is "Attention!"), but every word and its order still must: a changed word fails.
 */
function foldLowered(lowered: string): string {
  return lowered.replace(SPACE_BEFORE_PUNCTUATION, '$1').trim();
}

const SPACE_BEFORE_PUNCTUATION = / ([!?:;%.,])/g;

// Anything other than a lone ASCII space or printable ASCII that normalisation would change.
const NEEDS_NORMALISING =
  /[\t\n\r\v\f\u00a0\u00ad\u1680\u2000-\u200b\u2010-\u2015\u2018-\u201f\u2028\u2029\u202f\u205f\u2212\u3000\ufeff\u00ab\u00bb\u2032\u2033]| {2}/;

function isInvisible(code: number): boolean {
  // soft hyphen, zero-width space, BOM / zero-width no-break space
  return code === 0x00ad || code === 0x200b || code === 0xfeff;
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function replacementFor(code: number): string | undefined {
  switch (code) {
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201a: // ‚
    case 0x201b: // ‛
    case 0x2032: // ′
      return "'";
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
    case 0x201f: // ‟
    case 0x00ab: // «
    case 0x00bb: // »
    case 0x2033: // ″
      return '"';
    case 0x2010: // hyphen
    case 0x2011: // non-breaking hyphen
    case 0x2012: // figure dash
    case 0x2013: // en dash
    case 0x2014: // em dash
    case 0x2015: // horizontal bar
    case 0x2212: // minus sign
      return '-';
    default:
      return undefined;
  }
}
