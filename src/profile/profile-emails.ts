import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { translator } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';

export type ProfileEmailKind = 'confirmNewAddress' | 'changeRequested' | 'addressTaken' | 'changed';

const templates: Record<ProfileEmailKind, { template: string; subject: MessageKey; body: MessageKey }> = {
  confirmNewAddress: { template: 'profile.email_change_confirm', subject: 'profile.email.confirm.subject', body: 'profile.email.confirm.body' },
  changeRequested: { template: 'profile.email_change_requested', subject: 'profile.email.requested.subject', body: 'profile.email.requested.body' },
  addressTaken: { template: 'profile.email_change_address_taken', subject: 'profile.email.taken.subject', body: 'profile.email.taken.body' },
  changed: { template: 'profile.email_changed', subject: 'profile.email.changed.subject', body: 'profile.email.changed.body' },
};

export interface EmailRecipient {
  readonly subjectId: string;
  readonly email: string;
  readonly firstName: string;
  readonly locale: string;
}

/** A service email about the sign-in address, in the recipient's language, in the caller's transaction. */
export async function sendProfileEmail(ctx: RequestContext, keyring: Keyring, to: EmailRecipient, kind: ProfileEmailKind, params: Record<string, string>): Promise<string> {
  const tr = translator(to.locale);
  const spec = templates[kind];
  const text = `${tr('accounts.email.greeting', { name: to.firstName })}\n\n${tr(spec.body, params)}\n\n${tr('accounts.email.signature')}\n`;
  return enqueueEmail(ctx, keyring, { subjectId: to.subjectId, messageClass: 'service', template: spec.template, message: { to: to.email, subject: tr(spec.subject), text } });
}

export function emailChangeLink(publicUrl: string, token: string): string {
  return `${publicUrl}/account/profile/email/confirm?token=${encodeURIComponent(token)}`;
}
