import { randomBytes } from 'node:crypto';
import { encryptedAccountFields } from '../accounts/account-fields.js';
import { openAccountRow } from '../accounts/account-profile.js';
import { findAccountByEmailLookup, findAccountById } from '../accounts/accounts.store.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { verifyPassword } from '../auth/passwords.js';
import { hashToken } from '../auth/session-cookies.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { normaliseEmail } from '../crypto/keyring.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { emailChangeLink, sendProfileEmail } from './profile-emails.js';
import { emailChangeValidity, sealedProfileFields } from './profile-fields.js';
import { clearPendingEmail, emailUsedByAnotherAccount, findProfileByPendingToken, lockAccountForEdit, replaceSignInEmail, upsertProfile } from './profile.store.js';
import { recordProfileChanges } from './record-profile-changes.js';
import type { ProfileTarget } from './update-profile.js';

export interface EmailChangeInput {
  readonly newEmail: string;
  readonly currentPassword: string;
}

/**
 * Starts a change of the sign-in address: the new address gets a confirmation link, the current one
 * a notice. An address another account already uses gets the very same answer and the same amount
 * of work (a pending change whose token nobody knows, two emails); its owner is told someone tried,
 * so the form never reveals who has an account. Only the account owner may do this, with their password.
 */
export async function requestEmailChange(deps: AppDeps, base: ContextWithoutTransaction, target: ProfileTarget, input: EmailChangeInput): Promise<void> {
  const account = await findAccountById(deps.db, target.accountId);
  if (!account || !(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'The current password is not correct', { fieldErrors: [{ field: 'currentPassword', message: 'The current password is not correct' }] });
  }
  const newEmail = input.newEmail.trim();
  const lookup = deps.keyring.emailLookup(newEmail);
  if (lookup.equals(account.email_lookup)) {
    throw new AppError('VALIDATION_FAILED', 'This is already your sign-in address', { fieldErrors: [{ field: 'newEmail', message: 'This is already your sign-in address' }] });
  }
  const now = deps.now();
  const expiresAt = addDuration(now, emailChangeValidity);
  await inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const locked = await lockAccountForEdit(ctx.trx, target.accountId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such account');
    const owner = await openAccountRow(ctx.trx, deps.keyring, locked);
    const cipher = await deps.keyring.forSubject(ctx.trx, target.subjectId);
    const token = randomBytes(32).toString('base64url');
    await upsertProfile(ctx.trx, target.accountId, target.subjectId, {
      pending_email_enc: cipher.encrypt(newEmail, sealedProfileFields.pendingEmail),
      pending_email_lookup: lookup,
      pending_email_token_hash: hashToken(token),
      pending_email_expires_at: expiresAt,
    }, now);
    await recordAuditEvent(ctx, { action: 'profile.email_change_requested', subjectId: target.subjectId, details: { accountId: target.accountId, fields: ['email'] } });
    const existing = await findAccountByEmailLookup(ctx.trx, lookup);
    if (existing) {
      // The token was never sent anywhere, so this pending change can never be confirmed.
      await tellOwnerOfTakenAddress(ctx, deps, existing);
    } else {
      // One audit event and one email on either path, so both cost the same.
      await recordAuditEvent(ctx, { action: 'profile.email_change_link_sent', subjectId: target.subjectId, details: { accountId: target.accountId } });
      await sendProfileEmail(ctx, deps.keyring, { ...recipient(owner), email: newEmail }, 'confirmNewAddress', { link: emailChangeLink(deps.config.http.publicUrl, token), email: newEmail });
    }
    await sendProfileEmail(ctx, deps.keyring, recipient(owner), 'changeRequested', { email: maskEmail(newEmail) });
  });
}

/**
 * Applies a confirmed change: the sealed address and its blind index are replaced, the address
 * counts as verified, the history records old and new address, and the old address is told.
 * Unknown, used or expired links, and an address taken in the meantime, are TOKEN_INVALID.
 */
export async function confirmEmailChange(deps: AppDeps, base: ContextWithoutTransaction, token: string): Promise<{ accountId: string; email: string }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('TOKEN_INVALID');
  const now = deps.now();
  let outcome: { accountId: string; email: string } | null;
  try {
    outcome = await inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (trxCtx) => {
      const row = await findProfileByPendingToken(trxCtx.trx, hashToken(token), now);
      if (!row || !row.pending_email_enc || !row.pending_email_lookup) return null;
      const account = await lockAccountForEdit(trxCtx.trx, row.account_id);
      if (!account || account.status !== 'active') return null;
      // Following the link proves control of the mailbox; the change is the owner's own.
      const ctx: RequestContext = { ...trxCtx, actor: { type: 'customer', id: account.id } };
      await clearPendingEmail(ctx.trx, account.id, now);
      if (await emailUsedByAnotherAccount(ctx.trx, row.pending_email_lookup, account.id)) {
        await recordAuditEvent(ctx, { action: 'profile.email_change_refused', subjectId: account.subject_id, details: { accountId: account.id, reason: 'address_taken' } });
        return null;
      }
      const cipher = await deps.keyring.forSubject(ctx.trx, account.subject_id);
      const before = await openAccountRow(ctx.trx, deps.keyring, account);
      const newEmail = cipher.decrypt(row.pending_email_enc, sealedProfileFields.pendingEmail);
      await replaceSignInEmail(ctx.trx, account.id, cipher.encrypt(newEmail, encryptedAccountFields.email), deps.keyring.emailLookup(newEmail), now);
      await recordProfileChanges(ctx, cipher, { accountId: account.id, subjectId: account.subject_id }, [{ field: 'email', oldValue: before.email, newValue: newEmail }], now);
      await recordAuditEvent(ctx, { action: 'profile.email_changed', subjectId: account.subject_id, details: { accountId: account.id, fields: ['email'] } });
      await sendProfileEmail(ctx, deps.keyring, recipient(before), 'changed', { email: maskEmail(newEmail) });
      return { accountId: account.id, email: newEmail };
    });
  } catch (error) {
    // Someone signed up with the address between the check and the update: the unique index says no.
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505') throw new AppError('TOKEN_INVALID');
    throw error;
  }
  if (!outcome) throw new AppError('TOKEN_INVALID');
  return outcome;
}

async function tellOwnerOfTakenAddress(ctx: RequestContext, deps: AppDeps, existing: NonNullable<Awaited<ReturnType<typeof findAccountByEmailLookup>>>): Promise<void> {
  const owner = await openAccountRow(ctx.trx, deps.keyring, existing);
  await recordAuditEvent(ctx, { action: 'profile.email_change_to_registered_address', subjectId: existing.subject_id, details: { accountId: existing.id } });
  await sendProfileEmail(ctx, deps.keyring, recipient(owner), 'addressTaken', { signInLink: `${deps.config.http.publicUrl}/sign-in` });
}

function recipient(profile: { subjectId: string; email: string; firstName: string; locale: string }) {
  return { subjectId: profile.subjectId, email: profile.email, firstName: profile.firstName, locale: profile.locale };
}

/** "jane.doe@example.org" becomes "j***@example.org": enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const normalised = normaliseEmail(email);
  const at = normalised.lastIndexOf('@');
  return at <= 0 ? '***' : `${normalised[0]}***${normalised.slice(at)}`;
}
