import { engine, exampleFiles, packFolders, readExample } from '../../../../jurisdictions/example-posts';
import { PostText } from './post-text';
import { requiredLiterals } from './required-literals';
import { expandWordBoundaries } from './word-boundary';

describe(requiredLiterals.name, () => {
  it.each([
    ['\\bguaranteed (?:returns?|profits?)\\b', ['guaranteed ']],
    ['\\b(?:RRSO|TAEG|TAE|JKP|APR)\\s*\\d', ['rrso', 'taeg', 'tae', 'jkp', 'apr']],
    ['(?<![\\d.,])\\d{1,2}(?:[.,]\\d{1,3})?\\s?%', ['%']],
    ['ab+c', ['ab']],
    ['ab+?c', ['ab']],
    ['colou?r', ['colo']],
  ])('/%s/ needs one of %j', (source, literals) => {
    expect(requiredLiterals(source, true)).toEqual(literals);
  });

  it.each(['\\d+', 'a|\\d', '(?:x)?y?', '[abc]{2}', '(?=abc)\\w+'])(
    '/%s/ has no mandatory literal, so it always runs',
    (source) => {
      expect(requiredLiterals(source, true)).toBeNull();
    },
  );

  it('keeps case for case-sensitive patterns and skips letters whose case folding is not toLowerCase', () => {
    expect(requiredLiterals('CFDs?', false)).toEqual(['CFD']);
    expect(requiredLiterals('ſtop', true)).toEqual(['top']);
  });

  // The prefilter may never hide a match: every string pattern of every pack rule, on every example body.
  it('never rejects a body that the pattern matches (all pack patterns x all example posts)', () => {
    const sources = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') sources.add(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const pack of engine.packs()) for (const rule of engine.pack(pack.code)?.rules ?? []) collect(rule.check.args);
    const bodies = packFolders.flatMap((folder) => {
      const { dir, files } = exampleFiles(folder);
      return files.map((file) => PostText.of(readExample(dir, file).post.body));
    });
    let checked = 0;
    for (const source of sources) {
      let re: RegExp;
      try {
        re = new RegExp(expandWordBoundaries(source), 'iu');
      } catch {
        continue; // a text, not a pattern
      }
      const literals = requiredLiterals(source, true);
      if (literals === null) continue;
      for (const body of bodies) {
        if (!re.test(body.normalized)) continue;
        checked++;
        expect({ source, body: body.normalized, prefilter: literals.some((l) => body.lower.includes(l)) }).toEqual(
          expect.objectContaining({ prefilter: true }),
        );
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
