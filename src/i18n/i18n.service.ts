import { Injectable } from '@nestjs/common';
import i18next, { type i18n, type Resource } from 'i18next';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';

export const SUPPORTED_LANGUAGES = ['en', 'de', 'nl', 'pl', 'fr', 'es'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

const APP_NAMESPACE = 'app';

export type Vocabulary = 'verdict' | 'status' | 'stage' | 'role' | 'resource' | 'event' | 'factType';

const CODES_IN_REQUESTS = new Set<Vocabulary>(['role', 'stage']);

/** Message parameters whose values are vocabulary codes (see `localizeParams`). */
const VOCABULARY_OF_PARAM: Record<string, Vocabulary> = {
  verdict: 'verdict',
  status: 'status',
  from: 'status',
  stage: 'stage',
  stages: 'stage',
  signed: 'stage',
  waitingFor: 'stage',
  role: 'role',
  roles: 'role',
  resource: 'resource',
  event: 'event',
  factType: 'factType',
};

/**
 * One i18next instance for the process: the app's own catalogues (namespace `app`) plus
 * one namespace per jurisdiction pack, added by the compliance module at start.
 */
@Injectable()
export class I18nService {
  private readonly i18n: i18n;

  constructor() {
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      initAsync: false,
      fallbackLng: 'en',
      supportedLngs: [...SUPPORTED_LANGUAGES],
      defaultNS: APP_NAMESPACE,
      ns: [APP_NAMESPACE],
      interpolation: { escapeValue: false },
      returnNull: false,
      resources: {
        en: { app: en },
        de: { app: de },
        nl: { app: nl },
        pl: { app: pl },
        fr: { app: fr },
        es: { app: es },
      },
    });
  }

  /** Adds a namespace (e.g. a pack's messages) in several languages. */
  addNamespace(namespace: string, byLanguage: Record<string, Resource[string][string]>): void {
    for (const [lng, resources] of Object.entries(byLanguage)) {
      this.i18n.addResourceBundle(lng, namespace, resources, true, true);
    }
  }

  t(key: string | string[], lang: Language, params: Record<string, unknown> = {}, namespace = APP_NAMESPACE): string {
    return this.i18n.t(key, { ...this.localizeParams(params, lang), lng: lang, ns: namespace });
  }

  /**
   * Parameters that are codes of a vocabulary (a verdict, a status, a stage, a role...) are put
   * in the reader's language, so no English word ends up inside a German sentence. A code
   * without a translation (a pack's own stage, say) is shown as it is.
   */
  private localizeParams(params: Record<string, unknown>, lang: Language): Record<string, unknown> {
    const out: Record<string, unknown> = { ...params };
    for (const [name, value] of Object.entries(params)) {
      const vocabulary = VOCABULARY_OF_PARAM[name];
      if (!vocabulary || (typeof value !== 'string' && !Array.isArray(value))) continue;
      const codes = Array.isArray(value) ? value.map(String) : value.split(', ');
      out[name] = codes.map((code) => this.termInMessage(vocabulary, code, lang)).join(', ');
    }
    return out;
  }

  /** Roles and stages are also codes a request names, so a message gives both: "Recht (legal)". */
  private termInMessage(vocabulary: Vocabulary, code: string, lang: Language): string {
    const label = this.term(vocabulary, code, lang);
    return CODES_IN_REQUESTS.has(vocabulary) && label.toLowerCase() !== code ? `${label} (${code})` : label;
  }

  /** The translation of one vocabulary code, e.g. `term('stage', 'legal', 'de')` = "Recht". */
  term(vocabulary: Vocabulary, code: string, lang: Language): string {
    return this.i18n.t(`vocab.${vocabulary}.${code}`, { lng: lang, ns: APP_NAMESPACE, defaultValue: code });
  }

  /** `?lang=` wins over Accept-Language; anything unsupported falls back to English. */
  static resolveLanguage(queryLang: unknown, acceptLanguage: string | undefined): Language {
    const candidates: string[] = [];
    if (typeof queryLang === 'string' && queryLang) candidates.push(queryLang);
    if (acceptLanguage) {
      const ranked = acceptLanguage
        .split(',')
        .map((part) => {
          const [tag, ...paramsList] = part.trim().split(';');
          const q = paramsList.map((p) => p.trim()).find((p) => p.startsWith('q='));
          return { tag: tag.trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
        })
        .filter((entry) => entry.tag && entry.q > 0)
        .sort((a, b) => b.q - a.q);
      candidates.push(...ranked.map((entry) => entry.tag));
    }
    for (const candidate of candidates) {
      const base = candidate.toLowerCase().split('-')[0] as Language;
      if ((SUPPORTED_LANGUAGES as readonly string[]).includes(base)) return base;
    }
    return 'en';
  }
}
