import { ArgError } from '../errors';
import { ArgReader, describe, isPlainObject } from '../pack/arg-reader';

/**
 * Per-language lists of texts: `{ de: 'Werbung', fr: ['Publicité', 'Collaboration commerciale'], any: '#ad' }`.
 * A plain string or list means the same text in every language.
 */
export interface TextsByLanguage {
  readonly any: readonly string[];
  readonly byLanguage: ReadonlyMap<string, readonly string[]>;
}

export function readTextsByLanguage(reader: ArgReader, key: string): TextsByLanguage {
  const raw = reader.raw(key);
  const path = reader.at(key);
  if (typeof raw === 'string' || Array.isArray(raw)) return { any: toList(raw, path), byLanguage: new Map() };
  if (!isPlainObject(raw)) {
    throw new ArgError(path, `must be a text, a list of texts or a mapping language -> texts, got ${describe(raw)}`);
  }
  const byLanguage = new Map<string, string[]>();
  let any: string[] = [];
  for (const [language, value] of Object.entries(raw)) {
    if (language === 'any') any = toList(value, `${path}.any`);
    else if (/^[a-z]{2,3}$/.test(language)) byLanguage.set(language, toList(value, `${path}.${language}`));
    else throw new ArgError(`${path}.${language}`, "not a language code (use 'de', 'fr', ... or 'any')");
  }
  if (any.length === 0 && byLanguage.size === 0) throw new ArgError(path, 'names no text');
  return { any, byLanguage };
}

/**
 * The texts for a post language: that language's plus the language-independent ones; for a
 * language the rule does not know, every text (first listed language first).
 */
export function textsFor(texts: TextsByLanguage, language: string): readonly string[] {
  const own = texts.byLanguage.get(language);
  if (own !== undefined) return [...own, ...texts.any];
  if (texts.any.length > 0 && texts.byLanguage.size === 0) return texts.any;
  return [...texts.any, ...[...texts.byLanguage.values()].flat()];
}

function toList(value: unknown, path: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new ArgError(path, 'must not be empty');
  return list.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      throw new ArgError(
        Array.isArray(value) ? `${path}[${i}]` : path,
        `must be a non-empty text, got ${describe(item)}`,
      );
    }
    return item;
  });
}

/** Caches `textsFor` per language so evaluation allocates nothing after the first post of a language. */
export class LanguageCache<T> {
  private readonly cache = new Map<string, T>();

  constructor(private readonly build: (language: string) => T) {}

  get(language: string): T {
    let value = this.cache.get(language);
    if (value === undefined) {
      value = this.build(language);
      this.cache.set(language, value);
    }
    return value;
  }
}
