import { csrfTokenFor, csrfTokenMatches, readSessionCookie, sessionCookieHeader } from './session-cookie';

describe('session cookie', () => {
  it('reads the session token among other cookies', () => {
    expect(readSessionCookie({ cookie: 'a=1; preclear_session=abc.def; b=2' })).toBe('abc.def');
    expect(readSessionCookie({ cookie: 'a=1' })).toBeUndefined();
    expect(readSessionCookie({ cookie: 'preclear_session=' })).toBeUndefined();
    expect(readSessionCookie({})).toBeUndefined();
  });

  it('binds the CSRF token to the session and compares in constant time', () => {
    const token = csrfTokenFor('session-1', 'secret');
    expect(csrfTokenMatches('session-1', token, 'secret')).toBe(true);
    expect(csrfTokenMatches('session-2', token, 'secret')).toBe(false);
    expect(csrfTokenMatches('session-1', token, 'other-secret')).toBe(false);
    expect(csrfTokenMatches('session-1', undefined, 'secret')).toBe(false);
    expect(csrfTokenMatches('session-1', `${token}x`, 'secret')).toBe(false);
  });

  it('sets httpOnly, SameSite=Strict, and Secure only when asked', () => {
    expect(sessionCookieHeader('t', { secure: false, maxAgeSeconds: 60 })).toBe(
      'preclear_session=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=60',
    );
    expect(sessionCookieHeader('t', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });
});
