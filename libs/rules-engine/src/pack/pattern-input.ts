import { ArgError } from '../errors';
import { PatternSet, PatternSetSpec, PatternSpec } from '../text/pattern';
import { describe, isPlainObject } from './arg-reader';

/** Named pattern sets a pack defines under `patterns:` (inherited from its parent), referenced as '@NAME'. */
export type NamedPatterns = ReadonlyMap<string, PatternSetSpec>;

const LANGUAGE_KEY = /^[a-z]{2,3}$/;

/**
 * Reads the flexible pattern notation of packs:
 *   'regex'                                  one language-independent pattern
 *   { regex, caseSensitive?, unless? }       one pattern with options
 *   { phrase, gap?, order?, unless? }        words matched on normalised text, in any order
 *   [ ... ]                                  several language-independent patterns
 *   { de: [...], fr: '...', any: [...] }     per-language patterns
 * '@NAME' anywhere stands for the named set (in a language list, its part for that language).
 */
export function readPatternSetSpec(raw: unknown, path: string, named: NamedPatterns): PatternSetSpec {
  const spec: PatternSetSpec = { any: [], byLanguage: {} };
  if (isPlainObject(raw) && !('regex' in raw) && !('phrase' in raw)) {
    const keys = Object.keys(raw);
    if (keys.length === 0) throw new ArgError(path, 'must name at least one language or "any"');
    for (const key of keys) {
      if (key !== 'any' && !LANGUAGE_KEY.test(key)) {
        throw new ArgError(`${path}.${key}`, `not a language code (use 'de', 'fr', ... or 'any')`);
      }
      addItems(spec, key === 'any' ? null : key, raw[key], `${path}.${key}`, named);
    }
  } else {
    addItems(spec, null, raw, path, named);
  }
  if (spec.any.length === 0 && Object.values(spec.byLanguage).every((l) => l.length === 0)) {
    throw new ArgError(path, 'names no pattern');
  }
  return spec;
}

export function readPatternSet(raw: unknown, path: string, named: NamedPatterns): PatternSet {
  return PatternSet.compile(readPatternSetSpec(raw, path, named), path);
}

function addItems(
  spec: PatternSetSpec,
  language: string | null,
  raw: unknown,
  path: string,
  named: NamedPatterns,
): void {
  const items = Array.isArray(raw) ? raw : [raw];
  items.forEach((item, i) => {
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (typeof item === 'string' && item.startsWith('@')) {
      mergeNamed(spec, language, item.slice(1), at, named);
      return;
    }
    const target = language === null ? spec.any : (spec.byLanguage[language] ??= []);
    target.push(readOne(item, at));
  });
}

function mergeNamed(
  spec: PatternSetSpec,
  language: string | null,
  name: string,
  path: string,
  named: NamedPatterns,
): void {
  const set = named.get(name);
  if (set === undefined) {
    const known = [...named.keys()];
    throw new ArgError(path, `unknown named pattern '@${name}' (defined: ${known.length ? known.join(', ') : 'none'})`);
  }
  if (language === null) {
    spec.any.push(...set.any);
    for (const [lang, list] of Object.entries(set.byLanguage)) (spec.byLanguage[lang] ??= []).push(...list);
  } else {
    const target = (spec.byLanguage[language] ??= []);
    target.push(...set.any, ...(set.byLanguage[language] ?? []));
  }
}

function readOne(item: unknown, path: string): PatternSpec {
  if (typeof item === 'string') {
    if (item.trim() === '') throw new ArgError(path, 'empty pattern');
    return { regex: item };
  }
  if (isPlainObject(item) && typeof item.phrase === 'string') return readPhrase(item, path);
  if (isPlainObject(item) && typeof item.regex === 'string') {
    for (const key of Object.keys(item)) {
      if (!['regex', 'caseSensitive', 'unless'].includes(key)) {
        throw new ArgError(`${path}.${key}`, 'unknown key (allowed: regex, caseSensitive, unless)');
      }
    }
    if (item.caseSensitive !== undefined && typeof item.caseSensitive !== 'boolean') {
      throw new ArgError(`${path}.caseSensitive`, 'must be true or false');
    }
    if (item.unless !== undefined && typeof item.unless !== 'string') {
      throw new ArgError(`${path}.unless`, 'must be a regex string');
    }
    return { regex: item.regex, caseSensitive: item.caseSensitive, unless: item.unless };
  }
  throw new ArgError(
    path,
    `must be a regex string, { regex, caseSensitive?, unless? } or { phrase, gap?, order?, unless? }, got ${describe(item)}`,
  );
}

/**
 * `{ phrase: 'Zusage garantiert', gap?: 3, order?: any | fixed,
 * unless?: regex }`: words matched on normalised text (text/phrase.ts).
 */
function readPhrase(item: Record<string, unknown>, path: string): PatternSpec {
  for (const key of Object.keys(item)) {
    if (!['phrase', 'gap', 'order', 'unless'].includes(key)) {
      throw new ArgError(`${path}.${key}`, 'unknown key (allowed: phrase, gap, order, unless)');
    }
  }
  if ((item.phrase as string).trim() === '') throw new ArgError(`${path}.phrase`, 'empty phrase');
  if (item.gap !== undefined && typeof item.gap !== 'number') throw new ArgError(`${path}.gap`, 'must be a number');
  if (item.order !== undefined && item.order !== 'any' && item.order !== 'fixed') {
    throw new ArgError(`${path}.order`, "must be 'any' or 'fixed'");
  }
  if (item.unless !== undefined && typeof item.unless !== 'string') {
    throw new ArgError(`${path}.unless`, 'must be a regex string');
  }
  return { phrase: { phrase: item.phrase as string, gap: item.gap, order: item.order }, unless: item.unless };
}
