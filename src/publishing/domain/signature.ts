import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Preclear-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the channel's secret.
 * The time is signed with the body so that a receiver can refuse a captured request replayed
 * later (the README shows a check with a 5-minute tolerance). Every attempt is signed afresh.
 */
export function signatureHeader(rawBody: Buffer, secret: string, unixSeconds: number): string {
  const t = String(Math.floor(unixSeconds));
  const v1 = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
  return `t=${t},v1=${v1}`;
}
