import { boundedPaths, boundedShape, MAX_BOUNDED_PATHS } from './bounded-pattern';

describe('bounded patterns (linear by construction, not probed)', () => {
  it('counts the ways through literals, alternatives, optional parts and word boundaries', () => {
    expect(boundedPaths('ohne Schufa')).toBe(1);
    expect(boundedPaths('TAE|AER|annual equivalent rate')).toBe(3);
    expect(boundedPaths('(?:a|b)?c?(?:d|e|f)')).toBe(18);
    expect(boundedPaths('\\bAPR\\b')).toBe(4);
    expect(boundedPaths('(?<![\\d.,])[€$]\\p{L}\\u00e9(?=x)')).toBe(1);
  });

  it('refuses repetition, back-references and too many ways', () => {
    for (const source of ['\\d+', 'a*', '\\d{1,3}', '(?:a+)+b', '(a)\\1', '(?<n>a)\\k<n>', '(?i)a']) {
      expect(boundedPaths(source)).toBeNull();
    }
    expect(boundedPaths('(?:a|b)'.repeat(Math.log2(MAX_BOUNDED_PATHS) + 1))).toBeNull();
  });

  it('knows the shortest match, so a pattern that must consume a character is known not to match the empty string', () => {
    expect(boundedShape('abc')?.minLength).toBe(3);
    expect(boundedShape('\\bab?\\b')?.minLength).toBe(1);
    expect(boundedShape('(?=x)|y')?.minLength).toBe(0);
    expect(boundedShape('a?')?.minLength).toBe(0);
    expect(boundedShape('\u{1F600}?')?.minLength).toBe(0);
  });
});
