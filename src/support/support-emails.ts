import { loadAccountProfile } from '../accounts/account-profile.js';
import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { translator } from '../i18n/i18n.js';

export const staffReplyTemplate = 'support.staff_replied';

export function ticketLink(publicUrl: string, reference: string): string {
  return `${publicUrl}/account/support/${reference}`;
}

/**
 * Tells the account owner that staff answered, as a service email in their language. The email
 * names the ticket and links to it, but never carries the reply itself: message text stays in the
 * account area, behind sign-in.
 */
export async function notifyStaffReply(ctx: RequestContext, keyring: Keyring, publicUrl: string, ticket: { accountId: string; reference: string; subjectLine: string }): Promise<string> {
  const profile = await loadAccountProfile(ctx.trx, keyring, ticket.accountId);
  const tr = translator(profile.locale);
  const text = [
    tr('accounts.email.greeting', { name: profile.firstName }),
    tr('support.email.reply.body', { reference: ticket.reference, subject: ticket.subjectLine, link: ticketLink(publicUrl, ticket.reference) }),
    tr('accounts.email.signature'),
  ].join('\n\n');
  return enqueueEmail(ctx, keyring, {
    subjectId: profile.subjectId,
    messageClass: 'service',
    template: staffReplyTemplate,
    message: { to: profile.email, subject: tr('support.email.reply.subject', { reference: ticket.reference }), text: `${text}\n` },
  });
}
