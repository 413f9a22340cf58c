import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import nl from './nl.json';
import pl from './pl.json';

type Catalogue = { workspaceTerm: string; errors: Record<string, string>; reasons: Record<string, string> };
const flat = (c: Catalogue): Record<string, string> => ({
  workspaceTerm: c.workspaceTerm,
  ...Object.fromEntries(Object.entries(c.errors).map(([k, v]) => [`errors.${k}`, v])),
  ...Object.fromEntries(Object.entries(c.reasons).map(([k, v]) => [`reasons.${k}`, v])),
});
const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('compliance message catalogues', () => {
  const catalogues: Record<string, Catalogue> = { de, es, fr, nl, pl };

  it.each(Object.keys(catalogues))('%s has every English key with the same placeholders', (lang) => {
    const translated = flat(catalogues[lang]);
    expect(Object.keys(translated).sort()).toEqual(Object.keys(flat(en)).sort());
    for (const [key, text] of Object.entries(flat(en))) {
      expect([key, placeholders(translated[key])]).toEqual([key, placeholders(text)]);
    }
  });
});
