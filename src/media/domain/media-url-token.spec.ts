import { signMediaToken, verifyMediaToken } from './media-url-token';

describe('media URL tokens', () => {
  const key = Buffer.alloc(32, 7);
  const claims = {
    sha256: 'ab'.repeat(32),
    workspaceId: '0b7f3c2e-5d1a-4f6b-9c8d-1e2f3a4b5c6d',
    expiresAt: 1_800_000_900,
  };
  const token = signMediaToken(claims, key);

  it('gives back the claims of a genuine token until it expires', () => {
    expect(verifyMediaToken(token, key, 1_800_000_000)).toEqual(claims);
    expect(verifyMediaToken(token, key, 1_800_000_899)).toEqual(claims);
    // At the expiry second it is over.
    expect(verifyMediaToken(token, key, 1_800_000_900)).toBeNull();
  });

  it('refuses a token signed with another key', () => {
    expect(verifyMediaToken(signMediaToken(claims, Buffer.alloc(32, 8)), key, 1_800_000_000)).toBeNull();
  });

  it.each([
    ['another file', (t: string) => t.replace(claims.sha256, 'cd'.repeat(32))],
    ['another workspace', (t: string) => t.replace(claims.workspaceId, '1b7f3c2e-5d1a-4f6b-9c8d-1e2f3a4b5c6d')],
    ['a later expiry', (t: string) => t.replace('1800000900', '1900000900')],
    ['a changed signature', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
    ['a missing part', (t: string) => t.split('.').slice(1).join('.')],
    ['an extra part', (t: string) => `${t}.x`],
    ['a path', (t: string) => `../${t}`],
    ['an enormous token', (t: string) => t + 'A'.repeat(10_000)],
  ])('refuses a token altered to name %s', (_name, alter) => {
    expect(verifyMediaToken(alter(token), key, 1_800_000_000)).toBeNull();
  });
});
