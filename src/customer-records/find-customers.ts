import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { accountSummaryByEmailLookup, accountSummaryById, latestAccounts, type AccountSummaryRow } from './customer-records.store.js';

/** The customer list shows this many of the newest accounts; finding a customer is by search. */
export const customerListLimit = 50;

export async function latestCustomers(deps: Pick<AppDeps, 'db'>): Promise<AccountSummaryRow[]> {
  return latestAccounts(deps.db, customerListLimit);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds one customer by exact account id or exact email address. Email goes through the blind
 * index (no address is decrypted to search), and such a search is recorded in the audit trail
 * with its result's id, never with the address.
 */
export async function findCustomer(deps: AppDeps, base: ContextWithoutTransaction, query: string): Promise<AccountSummaryRow | undefined> {
  const term = query.trim();
  if (uuidPattern.test(term)) return accountSummaryById(deps.db, term.toLowerCase());
  const found = await accountSummaryByEmailLookup(deps.db, deps.keyring.emailLookup(term));
  await inTransaction(deps.db, { ...base, purpose: 'dpv:CustomerCare' }, (ctx) =>
    recordAuditEvent(ctx, { action: 'customer.searched_by_email', subjectId: found?.subject_id ?? null, details: { foundAccountId: found?.id ?? null } }));
  return found;
}
