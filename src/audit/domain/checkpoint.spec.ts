import { randomBytes } from 'node:crypto';
import { checkpointSignatureHolds, signCheckpoint } from './checkpoint';
import { parseSigningKey } from './signing-key';

describe('signed audit checkpoints', () => {
  const key = parseSigningKey(randomBytes(32).toString('base64'));
  const claim = {
    chain: 'ws-1',
    seq: 42,
    hash: `sha256:${'a'.repeat(64)}`,
    signedAt: new Date('2026-12-01T10:00:00Z'),
  };

  it('verifies with the signing key and fails once any field changes', () => {
    const signed = signCheckpoint(key, claim);
    expect(signed.keyId).toBe(key.keyId);
    expect(checkpointSignatureHolds(key, signed)).toBe(true);
    expect(checkpointSignatureHolds(key, { ...signed, seq: 41 })).toBe(false);
    expect(checkpointSignatureHolds(key, { ...signed, hash: `sha256:${'b'.repeat(64)}` })).toBe(false);
    expect(checkpointSignatureHolds(key, { ...signed, signedAt: new Date('2026-12-02T10:00:00Z') })).toBe(false);
  });

  it('does not verify under another key, and the development key is stable', () => {
    const other = parseSigningKey(randomBytes(32).toString('hex'));
    expect(checkpointSignatureHolds(other, signCheckpoint(key, claim))).toBe(false);
    expect(parseSigningKey(undefined).keyId).toBe(parseSigningKey(undefined).keyId);
    expect(parseSigningKey(undefined).publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('reads a PKCS#8 PEM and refuses other key types', () => {
    const pem = key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(parseSigningKey(pem).keyId).toBe(key.keyId);
    expect(() => parseSigningKey('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
