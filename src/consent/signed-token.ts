import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A link token that needs no sign-in and no stored state: the fields in the clear (base64url)
 * plus an HMAC-SHA256 over them and a domain label, with the instance's token key.
 */
export function signFields(key: Buffer, domain: string, fields: readonly string[]): string {
  const payload = Buffer.from(fields.join('\n'), 'utf8').toString('base64url');
  return `${payload}.${mac(key, domain, payload).toString('base64url')}`;
}

/** The fields of a genuine token of this domain, or null for anything forged, altered or malformed. */
export function openSignedFields(key: Buffer, domain: string, token: string, count: number): string[] | null {
  const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, payload = '', signature = ''] = match;
  // Compare the text, not the decoded bytes: the last base64url character has two spare bits, so
  // decoding would accept several spellings of one signature. One signature, one valid token.
  const expected = Buffer.from(mac(key, domain, payload).toString('base64url'), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split('\n');
  return fields.length === count ? fields : null;
}

function mac(key: Buffer, domain: string, payload: string): Buffer {
  return createHmac('sha256', key).update(`custodian.${domain}\n${payload}`, 'utf8').digest();
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
