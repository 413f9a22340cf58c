import { VERDICT_ORDER } from '@preclear/rules-engine';
import { POST_STATUSES } from '../calendar/domain/post-vocabulary';
import { FIELD_PROBLEM_CODES } from '../common/errors/validation-details';
import { ROLES } from '../identity/roles';
import { TRANSITIONS } from '../workflow/post-state-machine';
import { I18nService, SUPPORTED_LANGUAGES, type Language } from './i18n.service';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every message a person can get, walked through every language: no key missing, the same
 * placeholders as English, and no English left inside a translated sentence (a verdict, a
 * status, a constraint text).
 */
type Catalogue = { [key: string]: string | Catalogue };
const SRC = join(__dirname, '..');
const load = (dir: string, lang: Language): Catalogue =>
  JSON.parse(readFileSync(join(SRC, dir, 'locales', `${lang}.json`), 'utf8')) as Catalogue;
/**
 * Every module with a locales/ folder is a namespace of its own name (i18n/ holds the app's);
 * found on disk, so a new module's messages are checked without being listed here.
 */
const NAMESPACES: Record<string, { dir: string; en: Catalogue }> = Object.fromEntries(
  readdirSync(SRC)
    .filter((dir) => existsSync(join(SRC, dir, 'locales', 'en.json')))
    .map((dir) => [dir === 'i18n' ? 'app' : dir, { dir, en: load(dir, 'en') }]),
);

const flatten = (catalogue: Catalogue, prefix = ''): Record<string, string> =>
  Object.entries(catalogue).reduce<Record<string, string>>(
    (out, [key, value]) => ({
      ...out,
      ...(typeof value === 'string' ? { [`${prefix}${key}`]: value } : flatten(value, `${prefix}${key}.`)),
    }),
    {},
  );
const placeholders = (message: string): string[] => [...message.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** Values the messages are given in real use: vocabulary codes and ordinary values. */
const SAMPLE_PARAMS: Record<string, unknown> = {
  verdict: 'needs_changes',
  status: 'in_review',
  from: 'approved',
  stage: 'legal',
  stages: 'legal, compliance',
  signed: 'compliance',
  waitingFor: 'legal',
  role: 'reviewer',
  roles: 'admin, publisher',
  resource: 'workspace',
  event: 'submit',
  factType: 'date',
};
/** English words that must not appear in another language's rendered message. */
const ENGLISH_FRAGMENTS = [
  'needs_changes',
  'changes needed',
  'in_review',
  'in review',
  'approved',
  'workspace',
  'was not found',
  'must be',
  'must have',
  'is required',
  'shorter than',
  'longer than',
  'submit for review',
  'cannot',
  'should',
];
/** Messages that read the same in a language as in English (names, codes, loan words). */
const SAME_AS_ENGLISH = new Set([
  'vocab.stage.compliance',
  'vocab.stage.principal',
  'vocab.role.principal',
  'vocab.role.marketer',
  'vocab.role.auditor',
  'vocab.resource.feed',
  'vocab.resource.blackout',
  'vocab.status.open',
  'vocab.resource.pause',
  'vocab.resource.revision',
  'vocab.resource.channel',
  'vocab.resource.campaign',
  'post',
]);

describe('message catalogues', () => {
  const i18n = new I18nService();
  for (const [ns, { dir }] of Object.entries(NAMESPACES)) {
    if (ns !== 'app') {
      i18n.addNamespace(ns, Object.fromEntries(SUPPORTED_LANGUAGES.map((lang) => [lang, load(dir, lang)])));
    }
  }

  for (const [ns, { dir, en }] of Object.entries(NAMESPACES)) {
    const english = flatten(en);
    for (const lang of SUPPORTED_LANGUAGES.filter((l) => l !== 'en')) {
      it(`${ns} in ${lang}: every key, the same placeholders, nothing left in English`, () => {
        const translated = flatten(load(dir, lang));
        expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
        for (const [key, message] of Object.entries(english)) {
          expect({ key, placeholders: placeholders(translated[key]) }).toEqual({
            key,
            placeholders: placeholders(message),
          });
          // Placeholders without a sample (names, counts) get a neutral value, so only our own words are judged.
          const neutral = Object.fromEntries(placeholders(message).map((name) => [name, 'X']));
          const rendered = i18n.t(key, lang, { ...neutral, ...SAMPLE_PARAMS }, ns).toLowerCase();
          for (const fragment of ENGLISH_FRAGMENTS) {
            expect({ key, rendered, fragment: rendered.includes(fragment) }).toEqual({
              key,
              rendered,
              fragment: false,
            });
          }
          if (
            /[a-z]{4}/i.test(message.replace(/\{\{\w+\}\}/g, '')) &&
            !SAME_AS_ENGLISH.has(key) &&
            !(ns === 'feeds' && key === 'link')
          ) {
            expect({ key, same: translated[key] === message }).toEqual({ key, same: false });
          }
        }
      });
    }
  }

  it.each(SUPPORTED_LANGUAGES)('has every field problem code and vocabulary word in %s', (lang) => {
    const app = flatten(load('i18n', lang));
    const required = [
      ...FIELD_PROBLEM_CODES.map((code) => `validation.${code}`),
      ...VERDICT_ORDER.map((v) => `vocab.verdict.${v}`),
      ...POST_STATUSES.map((s) => `vocab.status.${s}`),
      ...ROLES.map((r) => `vocab.role.${r}`),
      ...Object.keys(TRANSITIONS).map((e) => `vocab.event.${e}`),
      ...['legal', 'compliance', 'principal'].map((s) => `vocab.stage.${s}`),
      ...['string', 'boolean', 'date', 'number'].map((t) => `vocab.factType.${t}`),
    ];
    expect(required.filter((key) => !(key in app))).toEqual([]);
  });

  it('renders a refused submission in German without an English verdict', () => {
    expect(i18n.t('errors.submissionRefused', 'de', { verdict: 'blocked' }, 'workflow')).toContain(
      'Die Prüfung ergibt unzulässig',
    );
    expect(i18n.t('errors.notFound', 'de', { resource: 'workspace', id: 'x' })).toBe(
      'Arbeitsbereich x wurde nicht gefunden',
    );
  });
});
