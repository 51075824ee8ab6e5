import { encryptedAccountFields } from '../accounts/account-fields.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import type { SubjectCipher } from '../crypto/keyring.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { profileFields, sealedProfileFields, type ProfileField, type ProfileValues } from './profile-fields.js';
import { checkProfileValues } from './check-profile-values.js';
import { findProfileRow, lockAccountForEdit, updateAccountProfileColumns, upsertProfile, type AccountProfileColumns, type ProfileColumns } from './profile.store.js';
import { openProfile } from './read-profile.js';
import { recordProfileChanges } from './record-profile-changes.js';

/** The account whose profile is edited: the signed-in customer's, or the one a trusted user acts for. */
export interface ProfileTarget {
  readonly accountId: string;
  readonly subjectId: string;
}

/**
 * Rectifies the profile: only fields that really change are written, each with a history entry
 * (old and new value, sealed with the customer's key) and one audit event naming the fields, all
 * in one transaction. `changes` holds the fields to set; null clears a field.
 */
export async function updateProfile(deps: AppDeps, base: ContextWithoutTransaction, target: ProfileTarget, changes: Partial<ProfileValues>): Promise<{ changed: ProfileField[] }> {
  const now = deps.now();
  return inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const account = await lockAccountForEdit(ctx.trx, target.accountId);
    if (!account) throw new AppError('NOT_FOUND', 'No such account');
    const current = (await openProfile(deps, ctx.trx, account, await findProfileRow(ctx.trx, target.accountId))).values;
    const checked = checkProfileValues({ ...current, ...definedOnly(changes) });
    if (checked.errors.length > 0) throw new AppError('VALIDATION_FAILED', 'The profile is not complete or not valid', { fieldErrors: checked.errors });
    const next = checked.values;
    const changed = profileFields.filter((field) => next[field] !== current[field]);
    if (changed.length === 0) return { changed };

    const cipher = await deps.keyring.forSubject(ctx.trx, target.subjectId);
    await updateAccountProfileColumns(ctx.trx, target.accountId, accountColumns(cipher, next, changed), now);
    const profileSet = profileColumns(cipher, next, changed);
    if (Object.keys(profileSet).length > 0) await upsertProfile(ctx.trx, target.accountId, target.subjectId, profileSet, now);
    await recordProfileChanges(ctx, cipher, target, changed.map((field) => ({ field, oldValue: current[field], newValue: next[field] })), now);
    await recordAuditEvent(ctx, { action: 'profile.updated', subjectId: target.subjectId, details: { accountId: target.accountId, fields: [...changed] } });
    return { changed };
  });
}

function definedOnly(changes: Partial<ProfileValues>): Partial<ProfileValues> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

function accountColumns(cipher: SubjectCipher, next: ProfileValues, changed: readonly ProfileField[]): AccountProfileColumns {
  const set: AccountProfileColumns = {};
  // Names are required (the schema refuses empty ones), so they are never cleared here.
  if (changed.includes('first_name') && next.first_name) set.first_name_enc = cipher.encrypt(next.first_name, encryptedAccountFields.firstName);
  if (changed.includes('last_name') && next.last_name) set.last_name_enc = cipher.encrypt(next.last_name, encryptedAccountFields.lastName);
  if (changed.includes('country')) set.country = next.country;
  if (changed.includes('locale') && next.locale) set.locale = next.locale;
  return set;
}

const sealedColumns = {
  phone: 'phone_enc',
  company: 'company_enc',
  vat_id: 'vat_id_enc',
  address_lines: 'address_lines_enc',
  postal_code: 'postal_code_enc',
  city: 'city_enc',
  region: 'region_enc',
} as const satisfies Partial<Record<ProfileField, keyof ProfileColumns>>;

function profileColumns(cipher: SubjectCipher, next: ProfileValues, changed: readonly ProfileField[]): ProfileColumns {
  const set: ProfileColumns = {};
  for (const [field, column] of Object.entries(sealedColumns) as [keyof typeof sealedColumns, (typeof sealedColumns)[keyof typeof sealedColumns]][]) {
    if (!changed.includes(field)) continue;
    const value = next[field];
    set[column] = value === null ? null : cipher.encrypt(value, sealedProfileFields[field]);
  }
  if (changed.includes('address_country')) set.country = next.address_country;
  return set;
}
