import type { Kysely, Transaction } from 'kysely';
import { openAccountRow } from '../accounts/account-profile.js';
import type { AccountRow } from '../accounts/accounts.store.js';
import { findAccountById } from '../accounts/accounts.store.js';
import type { SubjectCipher } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { addressLinesOf, sealedProfileFields, type ProfileValues } from './profile-fields.js';
import { findProfileRow, type CustomerProfileRow } from './profile.store.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ProfileView {
  readonly accountId: string;
  readonly subjectId: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly values: ProfileValues;
  /** A new sign-in address waiting for confirmation, while its link works. */
  readonly pendingEmail: { readonly email: string; readonly expiresAt: Date } | null;
}

/** The whole profile of one account, opened with the customer's key. */
export async function readProfile(deps: Pick<AppDeps, 'keyring' | 'now'>, db: Db, accountId: string): Promise<ProfileView> {
  const account = await findAccountById(db, accountId);
  if (!account) throw new AppError('NOT_FOUND', 'No such account');
  return openProfile(deps, db, account, await findProfileRow(db, accountId));
}

export async function openProfile(deps: Pick<AppDeps, 'keyring' | 'now'>, db: Db, account: AccountRow, row: CustomerProfileRow | undefined): Promise<ProfileView> {
  const opened = await openAccountRow(db, deps.keyring, account);
  const cipher = await deps.keyring.forSubject(db, account.subject_id);
  const pending = row?.pending_email_enc && row.pending_email_expires_at && row.pending_email_expires_at > deps.now()
    ? { email: cipher.decrypt(row.pending_email_enc, sealedProfileFields.pendingEmail), expiresAt: row.pending_email_expires_at }
    : null;
  return {
    accountId: account.id,
    subjectId: account.subject_id,
    email: opened.email,
    emailVerified: opened.emailVerified,
    values: {
      first_name: opened.firstName,
      last_name: opened.lastName,
      country: opened.country,
      locale: opened.locale,
      ...openProfileColumns(cipher, row),
    },
    pendingEmail: pending,
  };
}

/** The sealed profile columns opened; all null for an account without a profile row yet. */
export function openProfileColumns(cipher: SubjectCipher, row: CustomerProfileRow | undefined): Omit<ProfileValues, 'first_name' | 'last_name' | 'country' | 'locale'> {
  const open = (value: Buffer | null | undefined, field: keyof typeof sealedProfileFields) => (value ? cipher.decrypt(value, sealedProfileFields[field]) : null);
  return {
    phone: open(row?.phone_enc, 'phone'),
    company: open(row?.company_enc, 'company'),
    vat_id: open(row?.vat_id_enc, 'vat_id'),
    address_lines: open(row?.address_lines_enc, 'address_lines'),
    postal_code: open(row?.postal_code_enc, 'postal_code'),
    city: open(row?.city_enc, 'city'),
    region: open(row?.region_enc, 'region'),
    address_country: row?.country ?? null,
  };
}

/** The JSON shape of a profile, shared by the API routes. */
export function profileJson(view: ProfileView) {
  const v = view.values;
  return {
    email: view.email,
    emailVerified: view.emailVerified,
    pendingEmail: view.pendingEmail ? { email: view.pendingEmail.email, expiresAt: view.pendingEmail.expiresAt.toISOString() } : null,
    firstName: v.first_name ?? '',
    lastName: v.last_name ?? '',
    country: v.country,
    locale: v.locale ?? 'en',
    phone: v.phone,
    company: v.company,
    vatId: v.vat_id,
    addressLines: addressLinesOf(v.address_lines),
    postalCode: v.postal_code,
    city: v.city,
    region: v.region,
    addressCountry: v.address_country,
  };
}
