import { etagFor, isNotModified } from './conditional-request';

describe(etagFor.name, () => {
  it('is a quoted SHA-256 of the UTF-8 bytes, the same for string and Buffer', () => {
    // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
    expect(etagFor('abc')).toBe(
      `"sha256-${Buffer.from('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'hex').toString('base64url')}"`,
    );
    expect(etagFor(Buffer.from('Grüße', 'utf8'))).toBe(etagFor('Grüße'));
    expect(etagFor('a')).not.toBe(etagFor('b'));
  });
});

describe(isNotModified.name, () => {
  const current = { etag: '"sha256-abc"', lastModified: new Date('2026-03-01T10:00:00.900Z') };

  it.each([
    [{}, false],
    [{ ifNoneMatch: '"sha256-abc"' }, true],
    [{ ifNoneMatch: 'W/"sha256-abc"' }, true],
    [{ ifNoneMatch: '"other", "sha256-abc"' }, true],
    [{ ifNoneMatch: '*' }, true],
    [{ ifNoneMatch: '"sha256-old"' }, false],
    [{ ifNoneMatch: 'sha256-abc' }, false],
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    [{ ifNoneMatch: '"sha256-old"', ifModifiedSince: 'Sun, 01 Mar 2026 10:00:00 GMT' }, false],
    // Same second as Last-Modified: not modified; the milliseconds do not count.
    [{ ifModifiedSince: 'Sun, 01 Mar 2026 10:00:00 GMT' }, true],
    [{ ifModifiedSince: 'Sun, 01 Mar 2026 09:59:59 GMT' }, false],
    [{ ifModifiedSince: 'not a date' }, false],
  ])('%j -> %s', (headers, expected) => {
    expect(isNotModified(headers, current)).toBe(expected);
  });
});
