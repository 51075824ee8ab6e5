import { openSignedFields, signFields, uuidPattern } from './signed-token.js';

/** How long a double opt-in link stays valid. */
export const confirmationValidityMs = 48 * 3600_000;

/** The email choices a double opt-in link confirms, and when it was asked for. */
export interface ConfirmationRequest {
  readonly subjectId: string;
  readonly purposes: readonly string[];
  readonly issuedAt: Date;
}

const domain = 'consent-confirmation';

export function confirmationToken(key: Buffer, request: ConfirmationRequest): string {
  return signFields(key, domain, [request.subjectId, request.purposes.join(' '), String(request.issuedAt.getTime())]);
}

/** A genuine link that has not expired, or null. Whether it was used already is the ledger's to say. */
export function openConfirmationToken(key: Buffer, token: string, now: Date): ConfirmationRequest | null {
  const fields = openSignedFields(key, domain, token, 3);
  if (!fields) return null;
  const [subjectId = '', purposes = '', issued = ''] = fields;
  const issuedAt = new Date(Number(issued));
  if (!uuidPattern.test(subjectId) || !purposes || !/^\d{1,15}$/.test(issued)) return null;
  if (now.getTime() > issuedAt.getTime() + confirmationValidityMs || issuedAt.getTime() > now.getTime() + 60_000) return null;
  return { subjectId, purposes: purposes.split(' '), issuedAt };
}
