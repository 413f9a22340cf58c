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
    return this.i18n.t(key, { ...params, lng: lang, ns: namespace });
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
