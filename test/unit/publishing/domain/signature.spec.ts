import { createHmac } from 'node:crypto';
import { verifyPreclearSignature } from '../../../support/webhook-receiver';
import { signatureHeader } from '../../../../src/publishing/domain/signature';

describe('webhook signature', () => {
  const body = Buffer.from('{"postId":"p","revision":1}');
  const t = 1_796_000_000;

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">', () => {
    const hex = createHmac('sha256', 'secret-1').update(`${t}.${body.toString()}`).digest('hex');
    expect(signatureHeader(body, 'secret-1', t)).toBe(`t=${t},v1=${hex}`);
    expect(signatureHeader(body, 'secret-1', t + 0.9)).toBe(`t=${t},v1=${hex}`);
  });

  it("passes the receiver's check only with the same body, secret and a time within 5 minutes", () => {
    const header = signatureHeader(body, 'secret-1', t);
    const at = (seconds: number): Date => new Date(seconds * 1000);
    expect(verifyPreclearSignature(body, header, 'secret-1', at(t))).toBe(true);
    expect(verifyPreclearSignature(body, header, 'secret-1', at(t + 300))).toBe(true);
    expect(verifyPreclearSignature(body, header, 'secret-1', at(t - 300))).toBe(true);
    // A captured request replayed later (or a clock far off) is refused.
    expect(verifyPreclearSignature(body, header, 'secret-1', at(t + 301))).toBe(false);
    expect(verifyPreclearSignature(body, header, 'secret-1', at(t - 301))).toBe(false);
    expect(verifyPreclearSignature(Buffer.from(`${body.toString()} `), header, 'secret-1', at(t))).toBe(false);
    expect(verifyPreclearSignature(body, header, 'secret-2', at(t))).toBe(false);
    // The time cannot be changed without the signature: t is signed with the body.
    expect(verifyPreclearSignature(body, header.replace(`t=${t}`, `t=${t + 600}`), 'secret-1', at(t + 600))).toBe(
      false,
    );
    expect(verifyPreclearSignature(body, undefined, 'secret-1', at(t))).toBe(false);
    expect(verifyPreclearSignature(body, 'sha256=00', 'secret-1', at(t))).toBe(false);
    expect(verifyPreclearSignature(body, `t=${t},v1=zz`, 'secret-1', at(t))).toBe(false);
  });
});
