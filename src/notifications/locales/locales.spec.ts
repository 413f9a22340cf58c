import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import nl from './nl.json';
import pl from './pl.json';

type Tree = { [key: string]: string | Tree };
const placeholders = (text: string): string[] => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tree).flatMap(([key, value]) =>
      typeof value === 'string' ? [[`${prefix}${key}`, value]] : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

describe('notification message catalogues', () => {
  const english = flatten(en);
  const catalogues: Record<string, Tree> = { de, es, fr, nl, pl };

  it.each(Object.keys(catalogues))('%s has every English key with the same placeholders, translated', (lang) => {
    const translated = flatten(catalogues[lang]);
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      expect([key, placeholders(translated[key])]).toEqual([key, placeholders(text)]);
      expect([key, translated[key]]).not.toEqual([key, text]);
    }
  });
});
