import type { Transaction } from 'kysely';
import { findAccountById } from '../accounts/accounts.store.js';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { readBillingProfile } from '../profile/read-billing-profile.js';

/** Who an invoice is addressed to, as it stands right now; the invoice keeps this copy. */
export interface BillingParty {
  readonly name: string;
  readonly company: string | null;
  /** Lines of the postal address joined by newlines; null when none is given. */
  readonly address: string | null;
  readonly vatId: string | null;
}

/**
 * Opens the customer's name, company, postal address and VAT id with their key at issue time. The
 * copy goes into the invoice in clear: it must outlive the key, which erasure shreds.
 */
export async function readBillingParty(deps: Pick<AppDeps, 'keyring'>, trx: Transaction<Database>, accountId: string, subjectId: string): Promise<BillingParty> {
  const account = await findAccountById(trx, accountId);
  if (!account) throw new AppError('NOT_FOUND', 'No such account');
  if (account.subject_id !== subjectId) throw new AppError('CONFLICT', 'The account and the subject of the invoice do not match');
  const profile = await readBillingProfile(deps, trx, accountId);
  if (!profile) throw new AppError('CONFLICT', 'The account has been erased; no invoice can be issued to it');
  const cityLine = [profile.postalCode, profile.city].filter(Boolean).join(' ');
  const address = [...profile.addressLines, cityLine, profile.region, profile.country].filter((part): part is string => Boolean(part)).join('\n');
  return { name: profile.name, company: profile.company || null, address: address || null, vatId: profile.vatId || null };
}
