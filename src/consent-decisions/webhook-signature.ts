import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'Custodian-Signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe-style receivers expect. */
export function signPayload(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

/** What a receiver does; used by the tests and documented for integrators. */
export function verifySignature(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  if (!parts['t'] || !parts['v1']) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${parts['t']}.${body}`, 'utf8').digest('hex'), 'hex');
  const given = Buffer.from(parts['v1'], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
