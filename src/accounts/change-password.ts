import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { revokeAllSessions } from '../auth/sessions.store.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import type { AccountPrincipal } from '../http/principal.js';
import { translator } from '../i18n/i18n.js';
import { accountLinks, sendAccountEmail } from './account-emails.js';
import { loadAccountProfile } from './account-profile.js';
import { findAccountById, updatePassword } from './accounts.store.js';

/** Changes the password after checking the current one; every other session is signed out. */
export async function changePassword(deps: AppDeps, base: ContextWithoutTransaction, account: AccountPrincipal, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const row = await findAccountById(deps.db, account.accountId);
  if (!row || !(await verifyPassword(row.password_hash, input.currentPassword))) {
    const message = translator(account.locale)('accounts.invalid.currentPasswordWrong');
    throw new AppError('VALIDATION_FAILED', message, { fieldErrors: [{ field: 'currentPassword', message }] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.now();
  await inTransaction(deps.db, { ...base, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    const profile = await loadAccountProfile(ctx.trx, deps.keyring, account.accountId);
    await updatePassword(ctx.trx, account.accountId, passwordHash, now);
    const revoked = await revokeAllSessions(ctx.trx, 'account', account.accountId, 'password_changed', account.sessionId);
    await recordAuditEvent(ctx, { action: 'account.password_changed', subjectId: account.subjectId, details: { accountId: account.accountId, sessionsRevoked: revoked, fields: ['password_hash'] } });
    await sendAccountEmail(ctx, deps.keyring, profile, 'changed', { resetLink: accountLinks(deps.config.http.publicUrl).forgotPassword });
  });
}
