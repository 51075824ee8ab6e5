import { consentChannels, type ConsentChannel } from './consent.tables.js';
import { openSignedFields, signFields, uuidPattern } from './signed-token.js';

/** What an unsubscribe link withdraws: one person's consent to one purpose on one channel. */
export interface UnsubscribeTarget {
  readonly subjectId: string;
  readonly purpose: string;
  readonly channel: ConsentChannel;
}

const domain = 'unsubscribe';

/** HMAC over (subject id, purpose, channel): nobody can make one for another person, purpose or channel. */
export function unsubscribeToken(key: Buffer, target: UnsubscribeTarget): string {
  return signFields(key, domain, [target.subjectId, target.purpose, target.channel]);
}

/** The target of a genuine token, or null for anything forged, altered or malformed. */
export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeTarget | null {
  const fields = openSignedFields(key, domain, token, 3);
  if (!fields) return null;
  const [subjectId = '', purpose = '', channel = ''] = fields;
  if (!uuidPattern.test(subjectId) || !purpose || !consentChannels.includes(channel as ConsentChannel)) return null;
  return { subjectId, purpose, channel: channel as ConsentChannel };
}

/** The https link (RFC 8058) and the List-Unsubscribe header value with a mailto fallback (RFC 2369). */
export function unsubscribeLinks(publicUrl: string, mailFrom: string, token: string): { url: string; header: string } {
  const url = `${publicUrl.replace(/\/$/, '')}/unsubscribe/${token}`;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  return { url, header: `<${url}>, <mailto:${address}?subject=unsubscribe%20${token}>` };
}
