import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import nl from './nl.json';
import pl from './pl.json';

type Catalogue = { errors: Record<string, string> };
const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('calendar message catalogues', () => {
  const catalogues: Record<string, Catalogue> = { de, es, fr, nl, pl };

  it.each(Object.keys(catalogues))('%s has every English key with the same placeholders', (lang) => {
    const translated = catalogues[lang].errors;
    expect(Object.keys(translated).sort()).toEqual(Object.keys(en.errors).sort());
    for (const [key, text] of Object.entries(en.errors)) {
      expect([key, placeholders(translated[key])]).toEqual([key, placeholders(text)]);
      expect(translated[key]).not.toEqual(text);
    }
  });
});
