import { findHostileValue } from './hostile-input';

describe('findHostileValue', () => {
  it('passes ordinary input', () => {
    expect(
      findHostileValue({
        title: 'Zinsen 3 % p.a. 😀',
        profile: { DE: { impressumUrl: 'https://x' } },
        tags: ['a', 1, null],
      }),
    ).toBeNull();
  });

  it('refuses nesting deeper than the limit without overflowing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findHostileValue(deep)).toEqual({ problem: 'too_deep', path: expect.stringMatching(/^(\[0\]){32}$/) });
    expect(findHostileValue({ a: { b: 1 } }, 2)).toBeNull();
    expect(findHostileValue({ a: { b: { c: 1 } } }, 2)).toEqual({ problem: 'too_deep', path: 'a.b' });
  });

  it('names prototype keys wherever they are', () => {
    expect(findHostileValue(JSON.parse('{"profile":{"DE":{"__proto__":{"admin":true}}}}'))).toEqual({
      problem: 'forbidden_key',
      path: 'profile.DE.__proto__',
    });
    expect(findHostileValue({ brandProfile: { constructor: { prototype: {} } } })).toEqual({
      problem: 'forbidden_key',
      path: 'brandProfile.constructor',
    });
    expect(findHostileValue({ items: [{ prototype: 1 }] })).toEqual({
      problem: 'forbidden_key',
      path: 'items[0].prototype',
    });
  });

  it('names NUL characters and lone surrogates in values and keys', () => {
    expect(findHostileValue({ title: 'a\u0000b' })).toEqual({ problem: 'nul_character', path: 'title' });
    expect(findHostileValue({ links: ['ok', '\ud800'] })).toEqual({ problem: 'lone_surrogate', path: 'links[1]' });
    expect(findHostileValue({ body: 'x\udc00' })).toEqual({ problem: 'lone_surrogate', path: 'body' });
    expect(findHostileValue({ 'k\u0000': 1 })).toEqual({ problem: 'nul_character', path: 'k\u0000' });
  });
});
