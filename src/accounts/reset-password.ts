import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { consumeOneTimeToken, issueOneTimeToken } from '../auth/one-time-tokens.js';
import { hashPassword } from '../auth/passwords.js';
import { revokeAllSessions } from '../auth/sessions.store.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { accountLinks, sendAccountEmail } from './account-emails.js';
import { linkValidity } from './account-fields.js';
import { loadAccountProfile, openAccountRow } from './account-profile.js';
import { findAccountByEmailLookup, markEmailVerified, updatePassword } from './accounts.store.js';

/** Emails a reset link when an active account has this address; the caller answers the same either way. */
export async function requestPasswordReset(deps: AppDeps, base: ContextWithoutTransaction, email: string): Promise<void> {
  const lookup = deps.keyring.emailLookup(email);
  await inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const account = await findAccountByEmailLookup(ctx.trx, lookup);
    if (!account || account.status !== 'active') return;
    const profile = await openAccountRow(ctx.trx, deps.keyring, account);
    const token = await issueOneTimeToken(ctx.trx, { kind: 'account', id: account.id }, 'reset_password', addDuration(deps.now(), linkValidity.resetPassword));
    await recordAuditEvent(ctx, { action: 'account.password_reset_requested', subjectId: account.subject_id, details: { accountId: account.id } });
    await sendAccountEmail(ctx, deps.keyring, profile, 'reset', { link: accountLinks(deps.config.http.publicUrl).resetPassword(token) });
  });
}

/**
 * Sets a new password from an emailed link: clears the lock, signs out every session, and tells
 * the owner. Following the link also proves the address, so it counts as verified.
 */
export async function resetPassword(deps: AppDeps, base: ContextWithoutTransaction, token: string, newPassword: string): Promise<{ accountId: string }> {
  const passwordHash = await hashPassword(newPassword);
  const now = deps.now();
  const outcome = await inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const principal = await consumeOneTimeToken(ctx.trx, token, 'reset_password', now);
    if (!principal || principal.kind !== 'account') return null;
    const profile = await loadAccountProfile(ctx.trx, deps.keyring, principal.id);
    await updatePassword(ctx.trx, profile.id, passwordHash, now);
    await markEmailVerified(ctx.trx, profile.id, now);
    const revoked = await revokeAllSessions(ctx.trx, 'account', profile.id, 'password_reset');
    const asOwner = { ...ctx, actor: { type: 'customer' as const, id: profile.id } };
    await recordAuditEvent(asOwner, { action: 'account.password_reset', subjectId: profile.subjectId, details: { accountId: profile.id, sessionsRevoked: revoked, fields: ['password_hash'] } });
    await sendAccountEmail(asOwner, deps.keyring, profile, 'changed', { resetLink: accountLinks(deps.config.http.publicUrl).forgotPassword });
    return { accountId: profile.id };
  });
  if (!outcome) throw new AppError('TOKEN_INVALID');
  return outcome;
}
