import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp';

describe('totp', () => {
  const secret = newTotpSecret();
  const now = Date.parse('2026-12-03T10:00:10Z');

  it('accepts the code of now and of one step either side, with the step it belongs to', () => {
    const step = Math.floor(now / 30000);
    expect(totpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(totpStep(secret, totpCode(secret, now - 30000), now)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, now + 30000), now)).toBe(step + 1);
  });

  it('refuses an old code, a malformed one and another secret’s', () => {
    expect(totpStep(secret, totpCode(secret, now - 120000), now)).toBeNull();
    expect(totpStep(secret, '12345', now)).toBeNull();
    expect(totpStep(newTotpSecret(), totpCode(secret, now), now)).toBeNull();
  });

  it('builds an otpauth URI an authenticator app reads', () => {
    expect(otpauthUri(secret, 'ann@bank.example')).toBe(
      `otpauth://totp/Preclear:ann%40bank.example?issuer=Preclear&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('makes ten distinct recovery codes whose hashes ignore case and hyphens', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect(hashRecoveryCode(codes[0].toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(codes[0]));
  });
});
