import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { issueOneTimeToken } from '../auth/one-time-tokens.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newSessionToken } from '../auth/session-cookies.js';
import { insertSession } from '../auth/sessions.store.js';
import { signUpBlockFor } from '../customer-records/abuse-identifiers.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { insertSubject } from '../subjects/subjects.store.js';
import { accountLinks, sendAccountEmail } from './account-emails.js';
import { encryptedAccountFields, linkValidity } from './account-fields.js';
import { openAccountRow } from './account-profile.js';
import { findAccountByEmailLookup, insertAccount } from './accounts.store.js';
import { minimumAgeFor } from './minimum-age.js';

export interface SignUpInput {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly password: string;
  readonly country: string | null;
  readonly minimumAgeConfirmed: boolean;
  readonly locale: string;
  readonly userAgentFamily: string | null;
}

/** What the caller puts in the cookie. For an address that is already registered the token is a decoy. */
export interface SignUpResult {
  readonly sessionToken: string;
  readonly expiresAt: Date;
}

/**
 * Creates a customer: subject, data key, sealed account row, a signed-in session and the
 * verification email. A registered address gets the very same answer (a decoy session token), and
 * its owner is told someone tried, so sign-up never reveals who has an account.
 */
export async function signUp(deps: AppDeps, base: ContextWithoutTransaction, input: SignUpInput): Promise<SignUpResult> {
  if (!input.minimumAgeConfirmed) {
    const age = minimumAgeFor(deps.config, input.country);
    const message = translator(input.locale)('accounts.invalid.minimumAge', { age });
    throw new AppError('MINIMUM_AGE_NOT_MET', message, { fieldErrors: [{ field: 'minimumAgeConfirmed', message }] });
  }
  // Hashed before the transaction (no row locks held during argon2) and on both paths (same cost).
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  const expiresAt = addDuration(now, deps.config.sessions.ttl);
  const emailLookup = deps.keyring.emailLookup(input.email);
  const attempt = () => inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx): Promise<SignUpResult> => {
    const existing = await findAccountByEmailLookup(ctx.trx, emailLookup);
    if (existing) {
      await notifyExistingOwner(ctx, deps, existing);
      return { sessionToken: newSessionToken(), expiresAt };
    }
    // An address blocked after an abuse suspension gets the very answer a taken address gets (a
    // decoy session): a distinct refusal would tell anyone which addresses were suspended.
    const abuseBlockId = await signUpBlockFor(ctx.trx, deps.keys.abuseIdentifiers, input.email);
    if (abuseBlockId) {
      await recordAuditEvent(ctx, { action: 'account.sign_up_blocked', subjectId: null, details: { abuseBlockId } });
      return { sessionToken: newSessionToken(), expiresAt };
    }
    const subjectId = await insertSubject(ctx.trx, 'customer');
    const cipher = await deps.keyring.createSubjectKey(ctx.trx, subjectId);
    const accountId = await insertAccount(ctx.trx, {
      subject_id: subjectId,
      email_lookup: emailLookup,
      email_enc: cipher.encrypt(input.email.trim(), encryptedAccountFields.email),
      first_name_enc: cipher.encrypt(input.firstName, encryptedAccountFields.firstName),
      last_name_enc: cipher.encrypt(input.lastName, encryptedAccountFields.lastName),
      password_hash: passwordHash,
      country: input.country,
      locale: input.locale,
      minimum_age_confirmed_at: now,
    });
    const sessionToken = newSessionToken();
    const sessionId = await insertSession(ctx.trx, {
      token_hash: hashToken(sessionToken),
      principal_kind: 'account',
      principal_id: accountId,
      second_factor_verified: true,
      ip_truncated: ctx.ip,
      user_agent_family: input.userAgentFamily,
      expires_at: expiresAt,
    });
    const asCustomer: RequestContext = { ...ctx, actor: { type: 'customer', id: accountId } };
    await recordAuditEvent(asCustomer, { action: 'account.signed_up', subjectId, details: { accountId, sessionId, fields: ['email', 'first_name', 'last_name', 'country', 'minimum_age_confirmed_at'] } });
    const token = await issueOneTimeToken(ctx.trx, { kind: 'account', id: accountId }, 'verify_email', addDuration(now, linkValidity.verifyEmail));
    const profile = { id: accountId, subjectId, email: input.email.trim(), firstName: input.firstName, lastName: input.lastName, country: input.country, locale: input.locale, emailVerified: false, twoFactorEnabled: false };
    await sendAccountEmail(asCustomer, deps.keyring, profile, 'verify', { link: accountLinks(deps.config.http.publicUrl).verifyEmail(token) });
    return { sessionToken, expiresAt };
  });
  try {
    return await attempt();
  } catch (error) {
    // Two sign-ups with one address at once: the loser retries and takes the "already registered" path.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

async function notifyExistingOwner(ctx: RequestContext, deps: AppDeps, existing: Parameters<typeof openAccountRow>[2]): Promise<void> {
  const profile = await openAccountRow(ctx.trx, deps.keyring, existing);
  await recordAuditEvent(ctx, { action: 'account.sign_up_with_existing_address', subjectId: existing.subject_id, details: { accountId: existing.id } });
  const links = accountLinks(deps.config.http.publicUrl);
  await sendAccountEmail(ctx, deps.keyring, profile, 'existing', { signInLink: links.signIn, resetLink: links.forgotPassword });
}
