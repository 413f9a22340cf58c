/**
 * The per-language word normaliser of phrase patterns: a word of a pack phrase and a word of
 * a post are compared after case folding, removing diacritics and stripping one inflectional
 * ending of the language, so "garantierte Rendite" finds "GARANTIERTEN Renditen", "rendement
 * garanti" finds "rendements garantis" and "gwarantowany zysk" finds "gwarantowanego zysku".
 * Light on purpose (one ending, stems of at least three letters): it joins the forms of one
 * word, not different words; word families (Garantie / garantiert) use a `garant*` prefix.
 */

// Longest first: the first ending that leaves a stem of MIN_STEM letters is removed.
const ENDINGS: Readonly<Record<string, readonly string[]>> = {
  de: ['ern', 'em', 'en', 'er', 'es', 'e', 's', 'n'],
  en: ["'s", 's'],
  nl: ['en', 'e', 's'],
  fr: ['es', 's', 'e', 'x'],
  es: ['as', 'os', 'es', 'a', 'o', 's'],
  // Polish adjective and noun case endings, diacritics already removed (-ą -> -a, -ów -> -ow).
  pl: ['iego', 'ego', 'emu', 'ych', 'ich', 'ymi', 'imi', 'ami', 'ach', 'ow', 'om', 'ej', 'a', 'e', 'i', 'o', 'u', 'y'],
};

const MIN_STEM = 3;

// Letters NFD does not decompose into a base letter and a mark.
const SPECIAL: Readonly<Record<string, string>> = { ł: 'l', ß: 'ss', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i', ſ: 's' };
const SPECIAL_RE = /[łßøđæœıſ]/g;
const MARKS = /\p{M}+/gu;
const ASCII_LOWER = /^[\x20-\x7e]*$/;

/** Lower case without diacritics ("Schüfa" -> "schufa", "Łódź" -> "lodz"). */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII_LOWER.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch);
}

/** Strips one inflectional ending of `language` from a folded word; other languages are left as they are. */
export function stemFolded(folded: string, language: string): string {
  const endings = ENDINGS[language];
  if (endings === undefined || !/^\p{L}+$/u.test(folded)) return folded;
  for (const ending of endings) {
    if (folded.length - ending.length >= MIN_STEM && folded.endsWith(ending)) return folded.slice(0, -ending.length);
  }
  return folded;
}

export function normaliseWord(word: string, language: string): string {
  return stemFolded(foldWord(word), language);
}

/**
 * Negations, folded: a phrase match with one of these inside its span or just before it is
 * not the claim ("returns are not guaranteed", "rendement non garanti", "keine garantierte
 * Zusage"), unless the phrase itself contains the word ("no risk").
 */
const NEGATIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(['not', 'no', 'never', 'nor', 'isn', 'aren', 'don', 'doesn', 'won', 'cannot']),
  de: new Set(['nicht', 'kein', 'keine', 'keinen', 'keiner', 'keines', 'keinem', 'nie', 'niemals']),
  nl: new Set(['niet', 'geen', 'nooit']),
  pl: new Set(['nie', 'brak']),
  fr: new Set(['ne', 'pas', 'non', 'jamais', 'aucun', 'aucune']),
  es: new Set(['no', 'nunca', 'ningun', 'ninguna', 'ni', 'sin']),
};

/** The negation words of a language; for a language without a list, every list's words. */
export function negationsOf(language: string): ReadonlySet<string> {
  return NEGATIONS[language] ?? ALL_NEGATIONS;
}

const ALL_NEGATIONS: ReadonlySet<string> = new Set(Object.values(NEGATIONS).flatMap((set) => [...set]));

/** The languages with an inflection table; others are only case- and diacritic-folded. */
export const STEMMED_LANGUAGES: readonly string[] = Object.keys(ENDINGS);
