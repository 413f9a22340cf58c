import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Stands in for AUDIT_SIGNING_KEY outside production: stable across restarts and instances, so
 * development checkpoints keep verifying, and public (it is in the source), so never trusted.
 */
const DEVELOPMENT_SEED = createHash('sha256').update('preclear development audit signing key (not a secret)').digest();

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex digits of the SHA-256 of the raw 32-byte public key. */
  keyId: string;
  /** SPKI PEM, for export. */
  publicKeyPem: string;
}

/**
 * Reads AUDIT_SIGNING_KEY: a 32-byte Ed25519 seed in base64 or
 * hex, or a PKCS#8 PEM. Throws a message fit for config errors.
 */
export function parseSigningKey(value: string | undefined): SigningKey {
  const privateKey = value === undefined ? fromSeed(DEVELOPMENT_SEED) : fromText(value.trim());
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    privateKey,
    publicKey,
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

function fromText(text: string): KeyObject {
  if (text.startsWith('-----BEGIN')) {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('must be an Ed25519 private key');
    return key;
  }
  const seed = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (seed.length !== 32) {
    throw new Error('must be 32 bytes in base64 or hex (e.g. `openssl rand -base64 32`), or an Ed25519 PKCS#8 PEM');
  }
  return fromSeed(seed);
}

function fromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}
