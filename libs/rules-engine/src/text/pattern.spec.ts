import { compileRegex, expandWordBoundaries, literalGateOf, PatternSet } from './pattern';
import { literalById } from './required-literals';
import { PostText } from './post-text';

const t = (body: string): PostText => PostText.of(body);

describe(PatternSet.name, () => {
  const set = PatternSet.compile(
    {
      any: [{ regex: '\\bCFDs?\\b', caseSensitive: true }],
      byLanguage: {
        pl: [{ regex: '\\b0\\s?zł\\b' }],
        de: [{ regex: '\\bSofortkredit\\b', unless: '\\b\\d{2,3} Monate' }],
      },
    },
    'test',
  );

  it('treats \\b as a Unicode word boundary ("0 zł" ends in a non-ASCII letter)', () => {
    expect(set.matches(t('Pożyczka za 0 zł!'), 'pl')).toBe(true);
    expect(set.matches(t('Pożyczka za 0 złotych'), 'pl')).toBe(false);
  });

  it('honours caseSensitive and unless', () => {
    expect(set.matches(t('Trade cfds'), 'en')).toBe(false);
    expect(set.matches(t('Sofortkredit in 10 Minuten'), 'de')).toBe(true);
    expect(set.matches(t('Sofortkredit, Laufzeit 12 bis 84 Monate'), 'de')).toBe(false);
  });

  it('falls back to every language for a language the rule does not name', () => {
    expect(set.matches(t('chwilówka 0 zł'), 'it')).toBe(true);
  });

  it('returns merged matches in text order', () => {
    expect(set.allMatches(t('CFD and CFDs'), 'en', 10)).toEqual([
      { start: 0, end: 3 },
      { start: 8, end: 12 },
    ]);
  });

  it('rejects a bad regular expression with the argument path', () => {
    expect(() => compileRegex('(unclosed', false, 'check.args.patterns[0]')).toThrow(
      /check\.args\.patterns\[0\]: bad regular expression/,
    );
  });

  it('leaves \\b inside a character class alone', () => {
    expect(expandWordBoundaries('[\\b]x')).toBe('[\\b]x');
  });
});

describe('literal gates', () => {
  const gateTexts = (gate: Int32Array | null): string[] | null =>
    gate === null ? null : [...gate].map((id) => literalById(id).text).sort();

  it('unites the literals of every pattern of every language', () => {
    const set = PatternSet.compile(
      { any: [{ regex: '\\bgarantiert\\b' }], byLanguage: { fr: [{ regex: 'sans risque|garanti' }] } },
      'gate',
    );
    expect(gateTexts(set.literalGate())).toEqual(['garanti', 'garantiert', 'sans risque']);
    const text = PostText.of('Rendement GARANTI');
    expect(text.hasAnyLiteral(set.literalGate() as Int32Array)).toBe(true);
    expect(
      text.hasAnyLiteral(
        literalGateOf([PatternSet.compile({ any: [{ regex: 'zusage' }], byLanguage: {} }, 'z')]) as Int32Array,
      ),
    ).toBe(false);
  });

  it('has no gate when one pattern has no mandatory literal or is a phrase', () => {
    const withDigits = PatternSet.compile({ any: [{ regex: 'APR' }, { regex: '\\d{1,2}' }], byLanguage: {} }, 'd');
    const withPhrase = PatternSet.compile(
      { any: [{ regex: 'APR' }, { phrase: { phrase: 'no risk' } }], byLanguage: {} },
      'p',
    );
    expect(withDigits.literalGate()).toBeNull();
    expect(literalGateOf([withPhrase])).toBeNull();
  });
});
