import { findAccountById } from '../accounts/accounts.store.js';
import type { AccountStatus } from '../accounts/accounts.tables.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { SubjectKeyShreddedError } from '../crypto/keyring.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { addressLinesOf } from '../profile/profile-fields.js';
import type { ContactRole } from '../profile/profile.tables.js';
import { listContacts } from '../profile/read-contacts.js';
import { openProfile } from '../profile/read-profile.js';
import { findProfileRow } from '../profile/profile.store.js';

/** What support needs to reach a customer and the contacts they named; nothing more. */
export interface CustomerContact {
  readonly accountId: string;
  readonly status: AccountStatus;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string | null;
  readonly email: string;
  readonly phone: string | null;
  /** Address lines, postal code and city, region, country; empty when none was given. */
  readonly address: readonly string[];
  readonly contacts: ReadonlyArray<{ readonly id: string; readonly role: ContactRole; readonly name: string; readonly email: string; readonly phone: string | null }>;
}

/** Fields named in the audit event: which were shown, never what they hold. */
const shownFields = ['first_name', 'last_name', 'company', 'email', 'phone', 'address'];

/**
 * Opens a customer's contact details for a staff member. Every view is recorded: one event for
 * the customer and one for each named contact (each is a person of their own).
 */
export async function readCustomerContact(deps: AppDeps, base: ContextWithoutTransaction, accountId: string): Promise<CustomerContact> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:CustomerCare' }, async (ctx) => {
    const account = await findAccountById(ctx.trx, accountId);
    if (!account) throw new AppError('NOT_FOUND', 'No such customer');
    const profile = await openProfile(deps, ctx.trx, account, await findProfileRow(ctx.trx, account.id)).catch((error: unknown) => {
      // An erased customer's key is gone: there is nothing left to show.
      throw error instanceof SubjectKeyShreddedError ? new AppError('NOT_FOUND', 'This customer has been erased') : error;
    });
    const contacts = await listContacts(ctx.trx, deps.keyring, account.id);
    await recordAuditEvent(ctx, { action: 'customer.contact_viewed', subjectId: account.subject_id, details: { accountId: account.id, fields: shownFields, contactIds: contacts.map((c) => c.id) } });
    for (const contact of contacts) {
      await recordAuditEvent(ctx, { action: 'customer.account_contact_viewed', subjectId: contact.subjectId, details: { accountId: account.id, contactId: contact.id } });
    }
    const v = profile.values;
    const address = [...addressLinesOf(v.address_lines), [v.postal_code, v.city].filter(Boolean).join(' '), v.region, v.address_country]
      .filter((line): line is string => typeof line === 'string' && line.trim() !== '');
    return {
      accountId: account.id,
      status: account.status,
      firstName: v.first_name ?? '',
      lastName: v.last_name ?? '',
      company: v.company,
      email: profile.email,
      phone: v.phone,
      address,
      contacts: contacts.map((c) => ({ id: c.id, role: c.role, name: c.name, email: c.email, phone: c.phone })),
    };
  });
}
