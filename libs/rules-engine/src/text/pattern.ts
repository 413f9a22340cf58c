import { ArgError } from '../errors';
import { assertWithinBudget } from './pattern-budget';

/** One pattern as a pack states it (after `@NAME` references are expanded). */
export interface PatternSpec {
  regex: string;
  caseSensitive?: boolean;
  /** The pattern does not count when this one matches anywhere in the body (e.g. a fee caveat). */
  unless?: string;
}

/** Patterns of one argument: language-independent ones plus per-language lists ('de', 'fr', ...). */
export interface PatternSetSpec {
  any: PatternSpec[];
  byLanguage: Record<string, PatternSpec[]>;
}

export interface CompiledPattern {
  readonly re: RegExp;
  readonly unless: RegExp | null;
  readonly source: string;
}

export interface PatternMatch {
  start: number;
  end: number;
}

// JavaScript's \b only knows ASCII letters, so "\bzł\b" or "\bÉpargne" would silently fail.
// Packs write \b and mean a word boundary in Latin (with all its accents and Polish letters),
// Greek or Cyrillic text. An explicit range rather than \p{L}: with the i flag V8 builds the
// case-folded \p{L} class for every pattern, which made compiling the packs several times slower.
export const WORD_CHAR = '[0-9A-Za-z_\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff\\u1e00-\\u1eff]';
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

export function compileRegex(source: string, caseSensitive: boolean, path: string): RegExp {
  try {
    return new RegExp(expandWordBoundaries(source), caseSensitive ? 'gu' : 'giu');
  } catch (error) {
    throw new ArgError(path, `bad regular expression /${source}/: ${(error as Error).message}`);
  }
}

function compilePattern(spec: PatternSpec, path: string): CompiledPattern {
  const re = compileRegex(spec.regex, spec.caseSensitive === true, path);
  if (re.test('')) throw new ArgError(path, `regular expression /${spec.regex}/ matches the empty string`);
  assertWithinBudget(re, spec.regex, path);
  const unless = spec.unless === undefined ? null : compileRegex(spec.unless, spec.caseSensitive === true, `${path}.unless`);
  if (unless !== null) assertWithinBudget(unless, spec.unless as string, `${path}.unless`);
  return { re, unless, source: spec.regex };
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

  /** The earliest match of any pattern, or null. */
  firstMatch(text: string, language: string): PatternMatch | null {
    let best: PatternMatch | null = null;
    for (const pattern of this.forLanguage(language)) {
      if (pattern.unless !== null && testAt0(pattern.unless, text)) continue;
      pattern.re.lastIndex = 0;
      const m = pattern.re.exec(text);
      if (m !== null && (best === null || m.index < best.start)) best = { start: m.index, end: m.index + m[0].length };
    }
    return best;
  }

  /** A match of the first pattern (in pack order) that matches anywhere; cheaper than `firstMatch` when any evidence will do. */
  anyMatch(text: string, language: string): PatternMatch | null {
    for (const pattern of this.forLanguage(language)) {
      if (pattern.unless !== null && testAt0(pattern.unless, text)) continue;
      pattern.re.lastIndex = 0;
      const m = pattern.re.exec(text);
      if (m !== null) return { start: m.index, end: m.index + m[0].length };
    }
    return null;
  }

  matches(text: string, language: string): boolean {
    for (const pattern of this.forLanguage(language)) {
      if (pattern.unless !== null && testAt0(pattern.unless, text)) continue;
      if (testAt0(pattern.re, text)) return true;
    }
    return false;
  }

  /** Every match, in text order, overlapping matches of different patterns merged; at most `limit`. */
  allMatches(text: string, language: string, limit: number): PatternMatch[] {
    const found: PatternMatch[] = [];
    for (const pattern of this.forLanguage(language)) {
      if (pattern.unless !== null && testAt0(pattern.unless, text)) continue;
      pattern.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = pattern.re.exec(text)) !== null) {
        found.push({ start: m.index, end: m.index + m[0].length });
        if (m[0].length === 0) pattern.re.lastIndex++;
      }
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

export function testAt0(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
