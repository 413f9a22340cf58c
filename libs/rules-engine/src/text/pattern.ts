import { ArgError } from '../errors';
import { boundedShape } from './bounded-pattern';
import { assertWithinBudget } from './pattern-budget';
import { Phrase, PhraseSpec } from './phrase';
import type { PostText } from './post-text';
import { literalId, requiredLiterals } from './required-literals';
import { expandWordBoundaries } from './word-boundary';

export { expandWordBoundaries, WORD_CHAR } from './word-boundary';

/** One pattern as a pack states it (after `@NAME` references are expanded): a regular expression or a phrase. */
export interface PatternSpec {
  regex?: string;
  phrase?: PhraseSpec;
  caseSensitive?: boolean;
  /** The pattern does not count when this one matches anywhere in the body (e.g. a fee caveat). */
  unless?: string;
}

/** Patterns of one argument: language-independent ones plus per-language lists ('de', 'fr', ...). */
export interface PatternSetSpec {
  any: PatternSpec[];
  byLanguage: Record<string, PatternSpec[]>;
}

export interface PatternMatch {
  start: number;
  end: number;
}

/**
 * A compiled regular expression with its literal prefilter: the expression only runs on a
 * body that contains one of the literals every match needs (see required-literals.ts).
 */
export class RegexMatcher {
  private constructor(
    readonly re: RegExp,
    /** Ids of the literals (see PostText.hasLiteral); null when the pattern has no mandatory literal. */
    private readonly literals: Int32Array | null,
  ) {}

  static compile(source: string, caseSensitive: boolean, path: string): RegexMatcher {
    const re = compileRegex(source, caseSensitive, path);
    // Running the expression compiles it; a bounded pattern that consumes a character is known
    // not to match '' and is compiled on its first use instead (about half the pack patterns).
    const shape = boundedShape(source);
    if ((shape === null || shape.minLength === 0) && re.test('')) {
      throw new ArgError(path, `regular expression /${source}/ matches the empty string`);
    }
    assertWithinBudget(re, source, path, shape !== null);
    const literals = requiredLiterals(source, !caseSensitive);
    return new RegexMatcher(
      re,
      literals === null ? null : Int32Array.from(literals, (l) => literalId(l, caseSensitive)),
    );
  }

  /** Ids of the literals of which every match contains one; null when the pattern has none. */
  get literalIds(): Int32Array | null {
    return this.literals;
  }

  /** False when the body lacks every literal a match needs, so the expression need not run. */
  mayMatch(text: PostText): boolean {
    const literals = this.literals;
    if (literals === null) return true;
    for (let i = 0; i < literals.length; i++) if (text.hasLiteral(literals[i])) return true;
    return false;
  }

  test(text: PostText): boolean {
    return this.mayMatch(text) && testAt0(this.re, text.normalized);
  }

  first(text: PostText): PatternMatch | null {
    if (!this.mayMatch(text)) return null;
    this.re.lastIndex = 0;
    const m = this.re.exec(text.normalized);
    return m === null ? null : { start: m.index, end: m.index + m[0].length };
  }

  all(text: PostText, found: PatternMatch[]): void {
    if (!this.mayMatch(text)) return;
    const re = this.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text.normalized)) !== null) {
      found.push({ start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
}

/** A phrase pattern bound to the body's word index (built once per post, on first use). */
class PhraseMatcher {
  constructor(readonly phrase: Phrase) {}

  private mayMatch(text: PostText, language: string): boolean {
    const plain = text.plain;
    for (const part of this.phrase.prefilter(language)) if (!plain.includes(part)) return false;
    return true;
  }

  first(text: PostText, language: string): PatternMatch | null {
    if (!this.mayMatch(text, language)) return null;
    const index = text.words();
    const span = this.phrase.find(index, language);
    return span === null ? null : { start: index.starts[span.first], end: index.ends[span.last] };
  }

  all(text: PostText, language: string, found: PatternMatch[]): void {
    if (!this.mayMatch(text, language)) return;
    const index = text.words();
    let span = this.phrase.find(index, language);
    while (span !== null) {
      found.push({ start: index.starts[span.first], end: index.ends[span.last] });
      span = this.phrase.find(index, language, span.last + 1);
    }
  }
}

export interface CompiledPattern {
  readonly source: string;
  readonly regex: RegexMatcher | null;
  readonly phrase: PhraseMatcher | null;
  readonly unless: RegexMatcher | null;
}

export function compileRegex(source: string, caseSensitive: boolean, path: string): RegExp {
  try {
    return new RegExp(expandWordBoundaries(source), caseSensitive ? 'gu' : 'giu');
  } catch (error) {
    throw new ArgError(path, `bad regular expression /${source}/: ${(error as Error).message}`);
  }
}

function compilePattern(spec: PatternSpec, path: string): CompiledPattern {
  const caseSensitive = spec.caseSensitive === true;
  const unless = spec.unless === undefined ? null : RegexMatcher.compile(spec.unless, caseSensitive, `${path}.unless`);
  if (spec.phrase !== undefined) {
    return {
      source: spec.phrase.phrase,
      regex: null,
      phrase: new PhraseMatcher(Phrase.compile(spec.phrase, path)),
      unless,
    };
  }
  const source = spec.regex ?? '';
  return { source, regex: RegexMatcher.compile(source, caseSensitive, path), phrase: null, unless };
}

function firstOf(pattern: CompiledPattern, text: PostText, language: string): PatternMatch | null {
  if (pattern.unless !== null && pattern.unless.test(text)) return null;
  return pattern.regex !== null ? pattern.regex.first(text) : (pattern.phrase as PhraseMatcher).first(text, language);
}

/**
 * Compiled patterns of one argument. Per-language lists are resolved once per language and
 * cached, so evaluation never allocates a RegExp or an array.
 */
export class PatternSet {
  private readonly cache = new Map<string, readonly CompiledPattern[]>();

  private constructor(
    private readonly any: readonly CompiledPattern[],
    private readonly byLanguage: ReadonlyMap<string, readonly CompiledPattern[]>,
  ) {}

  static compile(spec: PatternSetSpec, path: string): PatternSet {
    const any = spec.any.map((p, i) => compilePattern(p, `${path}[${i}]`));
    const byLanguage = new Map<string, CompiledPattern[]>();
    for (const [language, list] of Object.entries(spec.byLanguage)) {
      byLanguage.set(
        language,
        list.map((p, i) => compilePattern(p, `${path}.${language}[${i}]`)),
      );
    }
    return new PatternSet(any, byLanguage);
  }

  static readonly EMPTY = new PatternSet([], new Map());

  get isEmpty(): boolean {
    return this.any.length === 0 && this.byLanguage.size === 0;
  }

  get languages(): string[] {
    return [...this.byLanguage.keys()];
  }

  /** True when the set has patterns meant for this language (its own or language-independent ones). */
  covers(language: string): boolean {
    return this.any.length > 0 || this.byLanguage.has(language);
  }

  /**
   * The patterns for a post language: the language-independent ones plus that language's.
   * A language the rule does not know gets every language's patterns, the conservative choice.
   */
  forLanguage(language: string): readonly CompiledPattern[] {
    let list = this.cache.get(language);
    if (list === undefined) {
      const own = this.byLanguage.get(language);
      list = own !== undefined ? [...this.any, ...own] : [...this.any, ...[...this.byLanguage.values()].flat()];
      this.cache.set(language, list);
    }
    return list;
  }

  /**
   * Literal ids of which every match of every pattern (any language) contains one, or null
   * when some pattern has none (a phrase, or a regex without a mandatory literal). A body
   * without all of them cannot match the set: the evaluator skips rules on that alone.
   */
  literalGate(): Int32Array | null {
    return unionOfLiterals([...this.any, ...[...this.byLanguage.values()].flat()]);
  }

  /** The earliest match of any pattern, or null. */
  firstMatch(text: PostText, language: string): PatternMatch | null {
    let best: PatternMatch | null = null;
    for (const pattern of this.forLanguage(language)) {
      const m = firstOf(pattern, text, language);
      if (m !== null && (best === null || m.start < best.start)) best = m;
    }
    return best;
  }

  /**
   * A match of the first pattern (in pack order) that matches
   * anywhere; cheaper than `firstMatch` when any evidence will do.
   */
  anyMatch(text: PostText, language: string): PatternMatch | null {
    const list = this.forLanguage(language);
    for (let i = 0; i < list.length; i++) {
      const m = firstOf(list[i], text, language);
      if (m !== null) return m;
    }
    return null;
  }

  matches(text: PostText, language: string): boolean {
    const list = this.forLanguage(language);
    for (let i = 0; i < list.length; i++) {
      const pattern = list[i];
      if (pattern.regex !== null && !pattern.regex.mayMatch(text)) continue;
      if (pattern.unless !== null && pattern.unless.test(text)) continue;
      if (
        pattern.regex !== null
          ? testAt0(pattern.regex.re, text.normalized)
          : (pattern.phrase?.first(text, language) ?? null) !== null
      ) {
        return true;
      }
    }
    return false;
  }

  /** Every match, in text order, overlapping matches of different patterns merged; at most `limit`. */
  allMatches(text: PostText, language: string, limit: number): PatternMatch[] {
    const found: PatternMatch[] = [];
    for (const pattern of this.forLanguage(language)) {
      if (pattern.unless !== null && pattern.unless.test(text)) continue;
      if (pattern.regex !== null) pattern.regex.all(text, found);
      else pattern.phrase?.all(text, language, found);
    }
    if (found.length <= 1) return found;
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const merged: PatternMatch[] = [found[0]];
    for (let i = 1; i < found.length && merged.length < limit; i++) {
      const last = merged[merged.length - 1];
      if (found[i].start < last.end) last.end = Math.max(last.end, found[i].end);
      else merged.push(found[i]);
    }
    return merged.slice(0, limit);
  }
}

/** The literal ids of all the patterns, or null when one of them has no literal prefilter. */
function unionOfLiterals(patterns: readonly CompiledPattern[]): Int32Array | null {
  const ids = new Set<number>();
  for (const pattern of patterns) {
    const literals = pattern.regex?.literalIds ?? null;
    if (literals === null) return null;
    for (const id of literals) ids.add(id);
  }
  return ids.size === 0 ? null : Int32Array.from(ids);
}

/** The union of the sets' literal gates (a body lacking all of them matches none of the sets), or null. */
export function literalGateOf(sets: readonly PatternSet[]): Int32Array | null {
  const ids = new Set<number>();
  for (const set of sets) {
    const gate = set.literalGate();
    if (gate === null) return null;
    for (const id of gate) ids.add(id);
  }
  return ids.size === 0 ? null : Int32Array.from(ids);
}

export function testAt0(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
