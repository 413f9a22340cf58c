import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';

/** The six languages of the server; the member's choice is remembered in this browser. */
export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'de', label: 'Deutsch' },
  { code: 'nl', label: 'Nederlands' },
  { code: 'pl', label: 'Polski' },
  { code: 'fr', label: 'Français' },
  { code: 'es', label: 'Español' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
const LANGUAGE_KEY = 'preclear.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  const preferred = stored ?? navigator.language.slice(0, 2);
  return LANGUAGES.some((l) => l.code === preferred) ? (preferred as Language) : 'en';
}

void i18next.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    de: { translation: de },
    nl: { translation: nl },
    pl: { translation: pl },
    fr: { translation: fr },
    es: { translation: es },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export function setLanguage(code: Language): void {
  localStorage.setItem(LANGUAGE_KEY, code);
  document.documentElement.lang = code;
  void i18next.changeLanguage(code);
}

export default i18next;
