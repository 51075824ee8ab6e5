import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookRefusalReason } from './payment.adapter.js';

/** The test processor's signature header, in the `t=<unix seconds>,v1=<hex>` form real processors use. */
export const testSignatureHeader = 'Custodian-Test-Signature';
/** A signature older or newer than this is refused, so a captured request cannot be replayed later. */
export const signatureToleranceSeconds = 300;

function mac(secret: Buffer, timestamp: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest();
}

/** HMAC-SHA256 over `${timestamp}.${rawBody}`. */
export function signWebhookBody(secret: Buffer, body: string, at: Date): string {
  const t = String(Math.floor(at.getTime() / 1000));
  return `t=${t},v1=${mac(secret, t, body).toString('hex')}`;
}

/**
 * Null when the header signs exactly this body within the tolerance, else the reason. Compares in
 * constant time; several v1 values (during a secret rotation) are allowed.
 */
export function checkWebhookSignature(secret: Buffer, body: string, header: string | undefined, now: Date): WebhookRefusalReason | null {
  if (header === undefined || header.trim() === '') return 'signature_missing';
  if (header.length > 1000) return 'signature_malformed';
  let timestamp: string | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = value;
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || candidates.length === 0) return 'signature_malformed';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > signatureToleranceSeconds) return 'timestamp_outside_tolerance';
  const expected = mac(secret, timestamp, body);
  // Every candidate is compared, so the time taken does not tell which one matched.
  let matched = false;
  for (const candidate of candidates) matched = timingSafeEqual(candidate, expected) || matched;
  return matched ? null : 'signature_invalid';
}
