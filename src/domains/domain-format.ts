import type { FieldError } from '../errors/app-error.js';
import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { alreadyPaidMessage, maxOpenUnpaidOrders, noUnpaidOrderMessage, tooManyUnpaidMessage } from './cancel-domain-order.js';

export const formatDate = (at: Date | null | undefined): string => (at ? at.toISOString().slice(0, 10) : '—');
export const formatTime = (at: Date | null | undefined): string => (at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency }).format(cents / 100);
}

/** An ISO-8601 period such as P30D or P1Y6M in words ("30 days"); anything unusual is shown as written. */
export function describePeriod(tr: Translate, iso: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso);
  if (!m || iso === 'P') return iso;
  const units: Array<[string | undefined, MessageKey, MessageKey]> = [
    [m[1], 'domains.period.year', 'domains.period.years'],
    [m[2], 'domains.period.month', 'domains.period.months'],
    [m[3], 'domains.period.week', 'domains.period.weeks'],
    [m[4], 'domains.period.day', 'domains.period.days'],
  ];
  return units.filter(([n]) => n !== undefined && Number(n) > 0).map(([n, one, many]) => tr(Number(n) === 1 ? one : many, { n: Number(n) })).join(' ');
}

const fieldKeys: Record<string, MessageKey> = {
  name: 'domains.invalid.name',
  organisation: 'domains.invalid.organisation',
  email: 'domains.invalid.email',
  phone: 'domains.invalid.phone',
  street: 'domains.invalid.street',
  postalCode: 'domains.invalid.postalCode',
  city: 'domains.invalid.city',
  country: 'domains.invalid.country',
  fqdn: 'domains.invalid.fqdn',
  years: 'domains.invalid.years',
  authCode: 'domains.invalid.authCode',
  documentType: 'domains.invalid.documentType',
  document: 'domains.invalid.document',
  fields: 'domains.invalid.fields',
  publish: 'domains.invalid.publish',
  reason: 'domains.invalid.reason',
  decision: 'domains.invalid.decision',
};

/** Use-case messages people may meet on a form, by their English text. */
const knownMessages: Record<string, MessageKey> = {
  'is not available': 'domains.conflict.notAvailable',
  'is already registered with us': 'domains.conflict.heldHere',
  'is not registered yet; register it instead': 'domains.conflict.notRegistered',
  'is reserved by the registry': 'domains.conflict.reserved',
  'A document for this domain is already waiting for review': 'domains.conflict.documentPending',
  'Your identity for this domain is already confirmed': 'domains.conflict.identityConfirmed',
  'This domain does not wait for a document': 'domains.conflict.noDocumentNeeded',
  'A renewal of this domain is already under way': 'domains.conflict.renewalOpen',
  'Only a registered domain can be renewed': 'domains.conflict.notRenewable',
  'This document was already decided': 'domains.conflict.alreadyDecided',
  'This domain order failed; its contacts can no longer be changed': 'domains.conflict.orderFailed',
  'The domain registry is not answering; try again in a few minutes': 'domains.error.registryDown',
  [noUnpaidOrderMessage]: 'domains.conflict.nothingToCancel',
  [alreadyPaidMessage]: 'domains.conflict.alreadyPaid',
  [tooManyUnpaidMessage]: 'domains.conflict.tooManyUnpaid',
  'This domain order was cancelled; its contacts can no longer be changed': 'domains.conflict.orderCancelled',
};

/** A use case's message in the reader's language; unknown ones fall back to a general sentence. */
export function localiseDetail(tr: Translate, message: string): string {
  const key = knownMessages[message];
  return key ? tr(key, { max: maxOpenUnpaidOrders }) : tr('domains.error.generic');
}

/**
 * zod and the use cases speak English to developers; people get the catalogue's message for the
 * field. Contact fields carry their role as prefix (techPhone), so the suffix decides.
 */
export function localiseDomainErrors(tr: Translate, errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (seen.has(error.field)) return [];
    seen.add(error.field);
    const suffix = error.field.replace(/^(registrant|admin|tech|billing)(?=[A-Z])/, '');
    const key = knownMessages[error.message] ?? fieldKeys[suffix.charAt(0).toLowerCase() + suffix.slice(1)];
    return [{ field: error.field, message: key ? tr(key) : error.message }];
  });
}
