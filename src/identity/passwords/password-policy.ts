import { ZxcvbnFactory, type OptionsType } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as de from '@zxcvbn-ts/language-de';
import * as en from '@zxcvbn-ts/language-en';
import * as es from '@zxcvbn-ts/language-es-es';
import * as fr from '@zxcvbn-ts/language-fr';
import * as nl from '@zxcvbn-ts/language-nl-be';
import * as pl from '@zxcvbn-ts/language-pl';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * zxcvbn score 3 means "safely unguessable: moderate protection from offline slow-hash
 * scenario" (about 10^8 guesses and more); below that a password is refused.
 */
const MIN_SCORE = 3;

export type PasswordWeakness = 'tooShort' | 'common' | 'contextDerived';

/** Some older language packs name their lists without a language suffix; suffix them so none overwrites another. */
function suffixed(dictionary: Record<string, string[]>, language: string): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(dictionary).map(([name, words]) => [
      name.endsWith(`-${language}`) ? name : `${name}-${language}`,
      words,
    ]),
  );
}

const OPTIONS: OptionsType = {
  graphs: common.adjacencyGraphs,
  dictionary: {
    ...common.dictionary,
    ...en.dictionary,
    ...suffixed(de.dictionary, 'de'),
    ...fr.dictionary,
    ...es.dictionary,
    ...suffixed(nl.dictionary, 'nl'),
    ...suffixed(pl.dictionary, 'pl'),
  },
  translations: en.translations,
  // The default (100) tries so many l33t variants that one check can take half a second of
  // CPU on the request thread; 10 still catches the usual p4ssw0rd substitutions.
  l33tMaxSubstitutions: 10,
};

let estimator: ZxcvbnFactory | undefined;

/** Builds the ranked dictionaries once, on first use (a few hundred ms). */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory(OPTIONS);
  return estimator;
}

/** The words a person's password must not be built from: e-mail and its parts, name, workspace names. */
export function passwordContext(email: string, ...names: (string | null | undefined)[]): string[] {
  const [local, domain] = email.toLowerCase().split('@');
  const words = [email.toLowerCase(), local, ...(domain ?? '').split('.'), ...local.split(/[._+-]/), 'preclear'];
  for (const name of names) if (name) words.push(name.toLowerCase(), ...name.toLowerCase().split(/\s+/));
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/** True when little is left of the password once the person's own words are taken out ("AcmeBank2026!"). */
function mostlyContext(password: string, context: readonly string[]): boolean {
  let rest = password.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const words = context.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length >= 3);
  for (const word of words.sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  return [...rest].length < MIN_PASSWORD_LENGTH / 2;
}

/**
 * Why a password is refused, or null if it is acceptable: shorter than 12 characters
 * (counted as characters, not UTF-16 units), or guessable by a dictionary attack that
 * knows the common passwords and words of our six languages and the person's own context.
 */
export function passwordWeakness(password: string, context: readonly string[]): PasswordWeakness | null {
  if ([...password].length < MIN_PASSWORD_LENGTH || password.trim().length === 0) return 'tooShort';
  if (mostlyContext(password, context)) return 'contextDerived';
  const result = zxcvbn().check(password.slice(0, MAX_PASSWORD_LENGTH), [...context]);
  // Built on one's own e-mail, name or workspace: refused unless strong even so (score 4),
  // since those words are the first an attacker who knows the person tries.
  const fromContext = result.sequence.some(
    (match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs',
  );
  if (fromContext && result.score < 4) return 'contextDerived';
  return result.score >= MIN_SCORE ? null : 'common';
}
