import { escapeLittleText, unescapeLittleText } from '../adapters/social/little-text';
import { parseRateLimits } from '../adapters/social/rate-limits';
import { compareContent, normalizeLink } from './content-comparison';

describe('content comparison', () => {
  const approved = {
    body: 'Filialfest am Samstag.\nAlle sind eingeladen.',
    links: ['https://bank.example/fest'],
    mediaCount: 1,
  };

  it('finds no difference when only whitespace, trailing slashes or host case differ', () => {
    expect(
      compareContent(approved, {
        text: 'Filialfest am  Samstag. \r\nAlle sind eingeladen. ',
        links: ['https://BANK.example/fest/'],
        mediaCount: 1,
      }),
    ).toEqual([]);
  });

  it('names a rewritten text, a lost link and a dropped image', () => {
    expect(compareContent(approved, { text: 'Filialfest am Sa.', links: ['https://t.co/abc'], mediaCount: 0 })).toEqual(
      [
        { field: 'text', approved: 'Filialfest am Samstag.\nAlle sind eingeladen.', live: 'Filialfest am Sa.' },
        { field: 'links', approved: ['https://bank.example/fest'], live: ['https://t.co/abc'] },
        { field: 'media', approved: 1, live: 0 },
      ],
    );
  });

  it('keeps what is not a URL as it is', () => {
    expect(normalizeLink(' not a url ')).toBe('not a url');
  });

  it("escapes LinkedIn's little-text markup and reads it back", () => {
    const text = 'Zins (2,5 %) #Sparen @Bank [neu] <b> *fett* _kursiv_ ~ | {x} \\';
    expect(escapeLittleText('a(b)#c')).toBe('a\\(b\\)\\#c');
    expect(unescapeLittleText(escapeLittleText(text))).toBe(text);
  });

  it('reads SOCIAL_RATE_LIMITS overrides and refuses malformed ones', () => {
    expect(parseRateLimits('x=50/900, facebook=2/2')).toMatchObject({
      x: { calls: 50, seconds: 900 },
      facebook: { calls: 2, seconds: 2 },
      linkedin: { calls: 150, seconds: 86_400 },
    });
    expect(() => parseRateLimits('mastodon=1/1')).toThrow('SOCIAL_RATE_LIMITS');
    expect(() => parseRateLimits('x=0/10')).toThrow('at least 1');
  });
});
