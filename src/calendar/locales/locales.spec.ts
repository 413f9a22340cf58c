import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import nl from './nl.json';
import pl from './pl.json';

type Catalogue = { errors: Record<string, string>; reschedule: Record<string, string> };
const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('calendar message catalogues', () => {
  const catalogues: Record<string, Catalogue> = { de, es, fr, nl, pl };

  it.each(Object.keys(catalogues).flatMap((lang) => [[lang, 'errors'] as const, [lang, 'reschedule'] as const]))(
    '%s has every English key of %s with the same placeholders',
    (lang, section) => {
      const translated = catalogues[lang][section];
      expect(Object.keys(translated).sort()).toEqual(Object.keys(en[section]).sort());
      for (const [key, text] of Object.entries(en[section])) {
        expect([key, placeholders(translated[key])]).toEqual([key, placeholders(text)]);
        expect(translated[key]).not.toEqual(text);
      }
    },
  );
});
