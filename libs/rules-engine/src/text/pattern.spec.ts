import { compileRegex, expandWordBoundaries, PatternSet } from './pattern';
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
