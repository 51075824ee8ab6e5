import { attemptPasswordSignIn, type SignedIn } from '../auth/password-sign-in.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { revokeSession } from '../auth/sessions.store.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import type { AccountPrincipal } from '../http/principal.js';
import { accountLinks, sendAccountEmail } from './account-emails.js';
import { openAccountRow } from './account-profile.js';
import { findAccountById } from './accounts.store.js';

export interface AccountSignIn extends SignedIn {
  readonly emailVerified: boolean;
}

/** Password sign-in of a customer; a lock tells the owner by email in the same transaction. */
export async function signInAccount(deps: AppDeps, base: ContextWithoutTransaction, input: { email: string; password: string; userAgentFamily: string | null }): Promise<AccountSignIn> {
  const signedIn = await attemptPasswordSignIn(deps, base, { kind: 'account', ...input }, async (ctx, candidate, lockedUntil) => {
    const account = await findAccountById(ctx.trx, candidate.id);
    if (!account) return;
    const profile = await openAccountRow(ctx.trx, deps.keyring, account);
    const until = lockedUntil.toISOString().slice(0, 16).replace('T', ' ');
    await sendAccountEmail(ctx, deps.keyring, profile, 'locked', { until, resetLink: accountLinks(deps.config.http.publicUrl).forgotPassword });
  });
  const account = await findAccountById(deps.db, signedIn.principalId);
  return { ...signedIn, emailVerified: account?.email_verified_at != null };
}

/** Ends the current session; the cookie is cleared by the caller. */
export async function signOutAccount(deps: AppDeps, base: ContextWithoutTransaction, account: AccountPrincipal): Promise<void> {
  await inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const revoked = await revokeSession(ctx.trx, 'account', account.accountId, account.sessionId, 'signed_out');
    if (revoked) await recordAuditEvent(ctx, { action: 'account.signed_out', subjectId: account.subjectId, details: { sessionId: account.sessionId } });
  });
}
