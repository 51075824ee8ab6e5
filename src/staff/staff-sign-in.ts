import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { attemptPasswordSignIn, type SignedIn } from '../auth/password-sign-in.js';
import { revokeSession } from '../auth/sessions.store.js';
import type { SignInCandidate } from '../auth/sign-in.store.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import type { AppDeps } from '../http/app-deps.js';
import { translator } from '../i18n/i18n.js';
import { readSetting } from '../settings/settings.store.js';
import { settingKeys } from '../settings/settings.keys.js';
import { encryptedStaffFields } from './create-staff-member.js';
import { findStaffMember, setLastSignIn } from './staff.store.js';

export interface StaffSignedIn extends SignedIn {
  /** The owner requires two-factor and this member has not enrolled. */
  readonly mustEnrolSecondFactor: boolean;
}

/** Password sign-in for staff; a lock is reported to the member by email. */
export async function signInStaff(deps: AppDeps, base: ContextWithoutTransaction, input: { email: string; password: string; userAgentFamily: string | null }): Promise<StaffSignedIn> {
  const signedIn = await attemptPasswordSignIn(deps, base, { kind: 'staff', ...input }, (ctx, candidate, lockedUntil) => notifyStaffLocked(ctx, deps, candidate, lockedUntil));
  // Bookkeeping of the sign-in that attemptPasswordSignIn has just audited as staff.signed_in.
  const member = await inTransaction(deps.db, { ...base, actor: { type: 'staff', id: signedIn.principalId }, purpose: 'dpv:ServiceSecurity' }, async (ctx) => {
    await setLastSignIn(ctx.trx, signedIn.principalId, deps.now());
    return findStaffMember(ctx.trx, signedIn.principalId);
  });
  const required = (await readSetting<boolean>(deps.db, settingKeys.requireStaffTwoFactor)) === true;
  return { ...signedIn, mustEnrolSecondFactor: required && member?.totp_enabled_at === null };
}

async function notifyStaffLocked(ctx: RequestContext, deps: AppDeps, candidate: SignInCandidate, lockedUntil: Date): Promise<void> {
  const member = await findStaffMember(ctx.trx, candidate.id);
  if (!member) return;
  const cipher = await deps.keyring.forSubject(ctx.trx, member.subject_id);
  const tr = translator('en');
  await enqueueEmail(ctx, deps.keyring, {
    subjectId: member.subject_id,
    messageClass: 'service',
    template: 'staff.sign_in_locked',
    message: {
      to: cipher.decrypt(member.email_enc, encryptedStaffFields.email),
      subject: tr('staff.email.locked.subject'),
      text: tr('staff.email.locked.body', { until: lockedUntil.toISOString() }),
    },
  });
}

/** Where the browser goes after the password step. */
export function afterStaffSignIn(signedIn: Pick<StaffSignedIn, 'secondFactorPending' | 'mustEnrolSecondFactor'>, next: string | undefined): string {
  const target = safeConsoleNext(next) ?? '/console';
  if (signedIn.secondFactorPending) return `/console/sign-in/second-factor?next=${encodeURIComponent(target)}`;
  if (signedIn.mustEnrolSecondFactor) return '/console/security/two-factor';
  return target;
}

/** Only relative console paths: no scheme, no host, no protocol-relative or backslash tricks. */
export function safeConsoleNext(next: string | undefined): string | undefined {
  if (!next || next.length > 500) return undefined;
  if (!/^\/console(?:[/?#]|$)/.test(next)) return undefined;
  if (/[\\\s]/.test(next) || next.includes('//') || next.includes('/..')) return undefined;
  return next;
}

export async function signOutStaff(deps: AppDeps, base: ContextWithoutTransaction, staff: { staffId: string; subjectId: string; sessionId: string }): Promise<void> {
  await inTransaction(deps.db, { ...base, actor: { type: 'staff', id: staff.staffId }, purpose: 'dpv:IdentityAuthentication' }, async (ctx) => {
    if (await revokeSession(ctx.trx, 'staff', staff.staffId, staff.sessionId, 'sign_out')) {
      await recordAuditEvent(ctx, { action: 'staff.signed_out', subjectId: staff.subjectId, details: { sessionId: staff.sessionId } });
    }
  });
}
