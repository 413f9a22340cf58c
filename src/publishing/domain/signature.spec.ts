import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from './signature';

describe('webhook signature', () => {
  const body = '{"postId":"p","revision":1}';

  it('is the hex HMAC-SHA256 of the raw body', () => {
    const hex = createHmac('sha256', 'secret-1').update(body).digest('hex');
    expect(signBody(body, 'secret-1')).toBe(`sha256=${hex}`);
  });

  it('verifies only the same body with the same secret', () => {
    const header = signBody(body, 'secret-1');
    expect(verifySignature(body, 'secret-1', header)).toBe(true);
    expect(verifySignature(body + ' ', 'secret-1', header)).toBe(false);
    expect(verifySignature(body, 'secret-2', header)).toBe(false);
    expect(verifySignature(body, 'secret-1', undefined)).toBe(false);
    expect(verifySignature(body, 'secret-1', 'sha256=00')).toBe(false);
  });
});
