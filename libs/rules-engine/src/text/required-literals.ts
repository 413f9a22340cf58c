/**
 * The literal prefilter: from a pattern's source, the texts of which every match must contain
 * at least one ("guaranteed", or "zusage" | "garantiert"). Evaluation looks for them with
 * `includes` in the lower-cased body, which is many times cheaper than running the regular
 * expression, and runs the expression only when one is there: most patterns of most rules
 * never run on a given post. The analysis is conservative: a construct it does not know, or
 * an alternative without a mandatory literal, gives `null` (no prefilter, the pattern always
 * runs), never a literal a match could lack.
 */

/** Even one character ("%", "€") filters: `includes` of it costs far less than running the expression. */
const MIN_LITERAL = 1;

type Req = string[] | null;

/**
 * Every literal of every compiled pattern gets a small integer id, shared across packs and
 * rules (the "%" of RATE is one literal, however many rules use it), so a post looks each
 * literal up once (PostText.hasLiteral) however many patterns need it. Bounded by the
 * distinct literals of the loaded packs.
 */
export interface Literal {
  readonly text: string;
  readonly caseSensitive: boolean;
  /**
   * Hashes of the literal's adjacent character pairs (see bigramHash), for case-insensitive
   * literals of two characters or more: a body lacking one of them lacks the literal, which
   * PostText finds without searching the text. Null otherwise (`includes` decides).
   */
  readonly bigrams: Uint16Array | null;
}

const LITERALS: Literal[] = [];
const LITERAL_IDS = new Map<string, number>();

export function literalId(text: string, caseSensitive: boolean): number {
  const key = `${caseSensitive ? 'S' : 'i'}${text}`;
  let id = LITERAL_IDS.get(key);
  if (id === undefined) {
    id = LITERALS.length;
    LITERALS.push({ text, caseSensitive, bigrams: caseSensitive || text.length < 2 ? null : bigramsOf(text) });
    LITERAL_IDS.set(key, id);
  }
  return id;
}

export function literalById(id: number): Literal {
  return LITERALS[id];
}

export function literalCount(): number {
  return LITERALS.length;
}

/**
 * Bits in the per-post table of character pairs (PostText); a power
 * of two, 64 bytes at most so V8 keeps the table on its heap.
 */
export const BIGRAM_BITS = 512;

/** The table slot of the character pair (a, b). */
export function bigramHash(a: number, b: number): number {
  return (Math.imul(a, 31) + b) & (BIGRAM_BITS - 1);
}

function bigramsOf(text: string): Uint16Array {
  const hashes = new Uint16Array(text.length - 1);
  for (let i = 1; i < text.length; i++) hashes[i - 1] = bigramHash(text.charCodeAt(i - 1), text.charCodeAt(i));
  return hashes;
}

interface Cursor {
  readonly src: string;
  i: number;
  /** Case-insensitive patterns compare lower-cased literals with the lower-cased body. */
  readonly fold: boolean;
}

export function requiredLiterals(source: string, caseInsensitive: boolean): string[] | null {
  const cursor: Cursor = { src: source, i: 0, fold: caseInsensitive };
  try {
    const req = parseAlternation(cursor);
    if (cursor.i !== source.length || req === null || req.some((l) => l.length < MIN_LITERAL)) return null;
    return [...new Set(req)];
  } catch {
    return null;
  }
}

function parseAlternation(c: Cursor): Req {
  const alternatives: Req[] = [parseSequence(c)];
  while (c.src[c.i] === '|') {
    c.i++;
    alternatives.push(parseSequence(c));
  }
  if (alternatives.some((a) => a === null)) return null;
  return (alternatives as string[][]).flat();
}

/**
 * Chars whose case-insensitive matches all lower-case to the same char (so `includes` on lower-cased text is exact).
 */
function literalChar(ch: string, fold: boolean): string | null {
  const code = ch.codePointAt(0) ?? 0;
  if (!fold) return ch;
  if (code >= 0x250 || code === 0xb5 || code === 0x17f) return null;
  return ch.toLowerCase();
}

/**
 * One atom of a sequence: a literal character, a group's requirement,
 * a zero-width assertion, or none of these (a class, `.`).
 */
interface Atom {
  literal: string | null;
  group: Req;
  zeroWidth: boolean;
}

function parseSequence(c: Cursor): Req {
  const candidates: string[][] = [];
  let run = '';
  const flush = (): void => {
    if (run.length > 0) candidates.push([run]);
    run = '';
  };
  while (c.i < c.src.length && c.src[c.i] !== '|' && c.src[c.i] !== ')') {
    const { literal, group, zeroWidth } = parseAtom(c);
    const { min, once } = readQuantifier(c);
    if (zeroWidth) {
      flush();
      continue;
    }
    if (literal !== null && min >= 1) {
      run += literal;
      if (!once) flush(); // repeated: what follows may not be adjacent
      continue;
    }
    flush();
    if (group !== null && min >= 1) candidates.push(group);
  }
  flush();
  if (candidates.length === 0) return null;
  // The best candidate has the longest shortest literal: it filters most.
  return candidates.reduce((best, cur) => (score(cur) > score(best) ? cur : best));
}

const IDENTITY_ESCAPE = /[.\\/^$|?*+()[\]{}\-'"#%&,:;<=>!@`~ ]/;

function parseAtom(c: Cursor): Atom {
  const ch = c.src[c.i];
  if (ch === '\\') return parseEscape(c);
  if (ch === '[') {
    skipClass(c);
    return { literal: null, group: null, zeroWidth: false };
  }
  if (ch === '(') return parseGroup(c);
  if (ch === '.' || ch === '^' || ch === '$') {
    c.i++;
    return { literal: null, group: null, zeroWidth: ch !== '.' };
  }
  if ('*+?{'.includes(ch)) throw new Error('quantifier without atom');
  c.i++;
  return { literal: literalChar(ch, c.fold), group: null, zeroWidth: false };
}

function parseEscape(c: Cursor): Atom {
  const next = c.src[c.i + 1] ?? '';
  c.i += 2;
  if (IDENTITY_ESCAPE.test(next)) return { literal: literalChar(next, c.fold), group: null, zeroWidth: false };
  if (next === 'b' || next === 'B') return { literal: null, group: null, zeroWidth: true };
  if (next === 'p' || next === 'P' || next === 'u' || next === 'x' || next === 'k') skipEscapeBody(c, next);
  return { literal: null, group: null, zeroWidth: false };
}

/** A group's requirement; a lookaround is zero-width (its text is not part of the match). */
function parseGroup(c: Cursor): Atom {
  const lookaround = /^\(\?(?:[=!]|<[=!])/.test(c.src.slice(c.i, c.i + 4));
  if (c.src.startsWith('(?:', c.i)) c.i += 3;
  else if (lookaround) c.i += c.src[c.i + 2] === '<' ? 4 : 3;
  else if (c.src.startsWith('(?<', c.i)) c.i = c.src.indexOf('>', c.i) + 1;
  else c.i += 1;
  const inner = parseAlternation(c);
  if (c.src[c.i] !== ')') throw new Error('unbalanced');
  c.i++;
  return lookaround
    ? { literal: null, group: null, zeroWidth: true }
    : { literal: null, group: inner, zeroWidth: false };
}

function score(literals: string[]): number {
  return Math.min(...literals.map((l) => l.length)) * 100 - literals.length;
}

const BRACE = /\{(\d+)(?:,\d*)?\}/y;

/** Reads an optional quantifier after an atom: its minimum count, and whether the atom occurs exactly once. */
function readQuantifier(c: Cursor): { min: number; once: boolean } {
  const ch = c.src[c.i];
  let min = 1;
  if (ch === '?' || ch === '*') {
    min = 0;
    c.i++;
  } else if (ch === '+') {
    c.i++;
  } else if (ch === '{') {
    BRACE.lastIndex = c.i;
    const m = BRACE.exec(c.src);
    if (m === null) throw new Error('bad brace');
    min = Number(m[1]);
    c.i += m[0].length;
  } else {
    return { min: 1, once: true };
  }
  if (c.src[c.i] === '?') c.i++;
  return { min, once: false };
}

function skipClass(c: Cursor): void {
  c.i++;
  if (c.src[c.i] === '^') c.i++;
  if (c.src[c.i] === ']') c.i++;
  while (c.i < c.src.length && c.src[c.i] !== ']') c.i += c.src[c.i] === '\\' ? 2 : 1;
  if (c.src[c.i] !== ']') throw new Error('unclosed class');
  c.i++;
}

function skipEscapeBody(c: Cursor, kind: string): void {
  if (c.src[c.i] === '{' || (kind === 'k' && c.src[c.i] === '<')) {
    const close = c.src.indexOf(kind === 'k' ? '>' : '}', c.i);
    if (close < 0) throw new Error('bad escape');
    c.i = close + 1;
  } else if (kind === 'u') c.i += 4;
  else if (kind === 'x') c.i += 2;
}
