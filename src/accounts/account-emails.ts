import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { translator } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import type { AccountProfile } from './account-profile.js';

export type AccountEmailKind = 'verify' | 'existing' | 'locked' | 'reset' | 'changed';

const templates: Record<AccountEmailKind, { template: string; subject: MessageKey; body: MessageKey }> = {
  verify: { template: 'account.verify_email', subject: 'accounts.email.verify.subject', body: 'accounts.email.verify.body' },
  existing: { template: 'account.sign_up_with_existing_address', subject: 'accounts.email.existing.subject', body: 'accounts.email.existing.body' },
  locked: { template: 'account.sign_in_locked', subject: 'accounts.email.locked.subject', body: 'accounts.email.locked.body' },
  reset: { template: 'account.reset_password', subject: 'accounts.email.reset.subject', body: 'accounts.email.reset.body' },
  changed: { template: 'account.password_changed', subject: 'accounts.email.changed.subject', body: 'accounts.email.changed.body' },
};

/**
 * Queues a service (contract) email to the account owner in the caller's transaction, in the
 * owner's language. `params` fill the body's placeholders (links, times).
 */
export async function sendAccountEmail(ctx: RequestContext, keyring: Keyring, profile: AccountProfile, kind: AccountEmailKind, params: Record<string, string>): Promise<string> {
  const tr = translator(profile.locale);
  const spec = templates[kind];
  const text = `${tr('accounts.email.greeting', { name: profile.firstName })}\n\n${tr(spec.body, params)}\n\n${tr('accounts.email.signature')}\n`;
  return enqueueEmail(ctx, keyring, {
    subjectId: profile.subjectId,
    messageClass: 'service',
    template: spec.template,
    message: { to: profile.email, subject: tr(spec.subject), text },
  });
}

export function accountLinks(publicUrl: string) {
  return {
    verifyEmail: (token: string) => `${publicUrl}/verify-email?token=${encodeURIComponent(token)}`,
    resetPassword: (token: string) => `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
    forgotPassword: `${publicUrl}/forgot-password`,
    signIn: `${publicUrl}/sign-in`,
  };
}
