import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The key used when CHANNEL_SECRETS_KEY is not set (allowed only outside production):
 * public, but fixed, so that development processes can read each other's secrets.
 */
export const DEVELOPMENT_SECRETS_KEY = 'preclear-development-only-channel-secrets-key';

const VERSION = 'v1';

export const SECRET_BOX = Symbol('SECRET_BOX');

/**
 * Channel secrets encrypted at rest with AES-256-GCM (a fresh IV per secret, the tag checked
 * on open). A database dump alone does not reveal them; the API never returns them at all.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(passphrase: string) {
    this.key = createHash('sha256').update(passphrase, 'utf8').digest();
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(
      ':',
    );
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || !data) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }
}
