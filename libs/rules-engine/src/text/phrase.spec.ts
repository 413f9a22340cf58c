import { ArgError } from '../errors';
import { foldWord, normaliseWord } from './normalise';
import { PatternSet } from './pattern';
import { PostText } from './post-text';

const set = (language: string, ...phrases: { phrase: string; gap?: number; order?: 'any' | 'fixed' }[]): PatternSet =>
  PatternSet.compile({ any: [], byLanguage: { [language]: phrases.map((phrase) => ({ phrase })) } }, 'test');

const found = (patterns: PatternSet, language: string, body: string): string[] => {
  const text = PostText.of(body);
  return patterns.allMatches(text, language, 10).map((m) => text.evidence(m.start, m.end).text);
};

describe('word normaliser', () => {
  it('folds case and diacritics, including letters NFD keeps (ł, ß, ø)', () => {
    expect(foldWord('SCHÜFA')).toBe('schufa');
    expect(foldWord('Łódź')).toBe('lodz');
    expect(foldWord('Straße')).toBe('strasse');
    expect(foldWord('crédit')).toBe('credit');
  });

  it.each([
    ['de', ['garantierte', 'garantierten', 'GARANTIERTER', 'garantiert'], 'garantiert'],
    ['de', ['Rendite', 'Renditen'], 'rendit'],
    ['fr', ['garanti', 'garantie', 'garantis', 'garanties'], 'garanti'],
    ['es', ['garantizado', 'garantizada', 'garantizados', 'garantizadas'], 'garantizad'],
    ['pl', ['gwarantowany', 'gwarantowana', 'gwarantowanego', 'gwarantowanych', 'gwarantowaną'], 'gwarantowan'],
    ['pl', ['zysk', 'zysku', 'zyski', 'zysków'], 'zysk'],
    ['nl', ['gegarandeerd', 'gegarandeerde'], 'gegarandeerd'],
    ['en', ['returns', 'return'], 'return'],
  ])('%s: %j share the stem %s', (language, forms, stem) => {
    for (const form of forms) expect(normaliseWord(form, language)).toBe(stem);
  });

  it('keeps stems of at least three letters', () => {
    expect(normaliseWord('des', 'fr')).toBe('des');
    expect(normaliseWord('Zins', 'de')).toBe('zin');
  });
});

describe('phrase patterns', () => {
  const de = set('de', { phrase: '*zusage garant*', gap: 4 });

  it.each([
    'Kreditzusage in 5 Minuten garantiert!',
    'Wir garantieren nichts außer: garantiert die beste Zusage.',
    'GARANTIERTE Sofortzusage für Ihren Kredit.',
    'Zusagen: Garantie!',
  ])('DE: finds a guarantee of approval in "%s"', (body) => {
    expect(found(de, 'de', body)).toHaveLength(1);
  });

  it.each([
    'Ratenkredit mit garantiert festem Zins über die ganze Laufzeit.',
    'Eine Zusage ist nicht garantiert.',
    'Keine garantierte Zusage: wir prüfen jeden Antrag.',
    'Schnelle Zusage. Garantiert fairer Zins.',
    'Kreditzusage nach Prüfung, Bearbeitung dauert etwa zwei Tage, Zins garantiert.',
  ])('DE: no guarantee of approval in "%s" (other claim, negation, other sentence, too far apart)', (body) => {
    expect(found(de, 'de', body)).toEqual([]);
  });

  it('returns the span from the first to the last word, in the original characters', () => {
    expect(found(de, 'de', 'Jetzt: Kredit\u00adzusage in 5\u00a0Minuten garantiert!')).toEqual([
      'Kredit\u00adzusage in 5\u00a0Minuten garantiert',
    ]);
  });

  it.each([
    ['fr', 'rendement garanti', 'Des rendements garantis chaque année', 'Les rendements ne sont pas garantis'],
    ['es', 'rentabilidad garantizada', 'Rentabilidades garantizadas del 8 %', 'Rentabilidad no garantizada'],
    ['pl', 'gwarantowany zysk', 'Zysku gwarantowanego nie brakuje', 'Zysk nie jest gwarantowany'],
    ['nl', 'gegarandeerd rendement', 'Rendement gegarandeerd!', 'Het rendement is niet gegarandeerd'],
    ['en', 'guaranteed return', 'Returns guaranteed, every year', 'Returns are not guaranteed'],
  ])('%s: "%s" matches inflected forms in any order, not its negation', (language, phrase, claim, denial) => {
    const patterns = set(language, { phrase, gap: 2 });
    expect(found(patterns, language, claim)).toHaveLength(1);
    expect(found(patterns, language, denial)).toEqual([]);
  });

  it('honours order: fixed and the gap', () => {
    const fixed = set('en', { phrase: 'best rate', order: 'fixed', gap: 1 });
    expect(found(fixed, 'en', 'The best fixed rate in town')).toEqual(['best fixed rate']);
    expect(found(fixed, 'en', 'Our rate is the best')).toEqual([]);
    expect(found(fixed, 'en', 'The best and fairest fixed rate')).toEqual([]);
    expect(found(set('en', { phrase: '100 % safe', gap: 0 }), 'en', 'It is 100% safe.')).toEqual(['100% safe']);
  });

  it('rejects bad phrases with the argument path', () => {
    expect(() => set('de', { phrase: 'a b c d e f g h i' })).toThrow(ArgError);
    expect(() => set('de', { phrase: '*ab garantiert' })).toThrow(/test\.de\[0\]\.phrase: '\*ab'/);
    expect(() => set('de', { phrase: 'Zusage', gap: 9 })).toThrow(/test\.de\[0\]\.gap/);
  });

  it('stays linear on a maximal adversarial body', () => {
    const patterns = set('de', { phrase: 'garant* zusage rendit gewinn ertrag kredit sofort zins', gap: 8 });
    const body = 'garantiert Zusage Rendite Gewinn Ertrag Kredit Sofort '.repeat(100).slice(0, 5000);
    const started = process.cpuUsage();
    patterns.allMatches(PostText.of(body), 'de', 50);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(50);
  });
});
