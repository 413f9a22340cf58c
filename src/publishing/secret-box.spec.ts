import { SecretBox } from './secret-box';

describe(SecretBox.name, () => {
  it('round-trips and never stores the plain text', () => {
    const box = new SecretBox('a-key-of-some-length-0123456789abcdef');
    const sealed = box.seal('whsec_very-secret');
    expect(sealed).not.toContain('whsec');
    expect(box.seal('whsec_very-secret')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed)).toBe('whsec_very-secret');
  });

  it('refuses another key and tampered data', () => {
    const sealed = new SecretBox('key-one-0123456789abcdef0123456789').seal('s');
    expect(() => new SecretBox('key-two-0123456789abcdef0123456789').open(sealed)).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('x').toString('base64');
    expect(() => new SecretBox('key-one-0123456789abcdef0123456789').open(parts.join(':'))).toThrow();
  });
});
