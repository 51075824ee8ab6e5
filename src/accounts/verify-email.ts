import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { consumeOneTimeToken, issueOneTimeToken } from '../auth/one-time-tokens.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { accountLinks, sendAccountEmail } from './account-emails.js';
import { linkValidity } from './account-fields.js';
import { loadAccountProfile } from './account-profile.js';
import { findAccountById, markEmailVerified } from './accounts.store.js';

/** Consumes an emailed verification link; throws TOKEN_INVALID for unknown, used or expired links. */
export async function verifyEmail(deps: AppDeps, base: ContextWithoutTransaction, token: string): Promise<{ accountId: string }> {
  const now = deps.now();
  const outcome = await inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const principal = await consumeOneTimeToken(ctx.trx, token, 'verify_email', now);
    if (!principal || principal.kind !== 'account') return null;
    const account = await findAccountById(ctx.trx, principal.id);
    if (!account) return null;
    const changed = await markEmailVerified(ctx.trx, account.id, now);
    await recordAuditEvent({ ...ctx, actor: { type: 'customer', id: account.id } }, { action: 'account.email_verified', subjectId: account.subject_id, details: { accountId: account.id, alreadyVerified: !changed } });
    return { accountId: account.id };
  });
  if (!outcome) throw new AppError('TOKEN_INVALID');
  return outcome;
}

/** Sends a fresh verification link; earlier links stay valid until they expire. */
export async function resendVerificationEmail(deps: AppDeps, base: ContextWithoutTransaction, accountId: string): Promise<'sent' | 'already_verified'> {
  return inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const profile = await loadAccountProfile(ctx.trx, deps.keyring, accountId);
    if (profile.emailVerified) return 'already_verified';
    const token = await issueOneTimeToken(ctx.trx, { kind: 'account', id: accountId }, 'verify_email', addDuration(deps.now(), linkValidity.verifyEmail));
    await recordAuditEvent(ctx, { action: 'account.verification_resent', subjectId: profile.subjectId, details: { accountId } });
    await sendAccountEmail(ctx, deps.keyring, profile, 'verify', { link: accountLinks(deps.config.http.publicUrl).verifyEmail(token) });
    return 'sent';
  });
}
