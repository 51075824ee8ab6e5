import { loadAccountProfile } from '../accounts/account-profile.js';
import { postAccountMessage } from '../account-messages/post-account-message.js';
import type { MessageCategory } from '../account-messages/account-messages.tables.js';
import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { translator } from '../i18n/i18n.js';
import type { SuspensionReason } from './services.tables.js';
import type { ServiceWithPlan } from './services.store.js';

export type ServiceNotice =
  | { readonly kind: 'suspended'; readonly reason: SuspensionReason }
  | { readonly kind: 'unsuspended' }
  | { readonly kind: 'failed' };

/** Suspension for non-payment is a billing matter, for abuse or security a security one; the rest is service operation. */
function categoryOf(notice: ServiceNotice): MessageCategory {
  if (notice.kind !== 'suspended') return 'maintenance';
  if (notice.reason === 'non_payment') return 'billing';
  if (notice.reason === 'abuse' || notice.reason === 'security') return 'security';
  return 'maintenance';
}

/**
 * Tells the account owner about a change to one of their services: an inbox message and a service
 * email (part of the contract, no opt-out), both in the owner's language, in the caller's transaction.
 */
export async function notifyCustomer(ctx: RequestContext, deps: { readonly keyring: Keyring; readonly config: { readonly http: { readonly publicUrl: string } } }, service: ServiceWithPlan, notice: ServiceNotice): Promise<void> {
  const profile = await loadAccountProfile(ctx.trx, deps.keyring, service.account_id);
  const tr = translator(profile.locale);
  const what = service.hostname ? `${service.plan.name} (${service.hostname})` : service.plan.name;
  const title = tr(`services.notice.${notice.kind}.title`, { service: what });
  const reason = notice.kind === 'suspended' ? tr(`services.reason.${notice.reason}`) : '';
  const body = tr(`services.notice.${notice.kind}.body`, { service: what, reason, link: `/account/services/${service.id}` });
  await postAccountMessage(ctx, deps.keyring, { accountId: service.account_id, subjectId: service.subject_id, category: categoryOf(notice), title, body });
  const emailBody = tr(`services.notice.${notice.kind}.body`, { service: what, reason, link: `${deps.config.http.publicUrl}/account/services/${service.id}` });
  await enqueueEmail(ctx, deps.keyring, {
    subjectId: service.subject_id,
    messageClass: 'service',
    template: `services.${notice.kind}`,
    message: { to: profile.email, subject: title, text: `${tr('accounts.email.greeting', { name: profile.firstName })}\n\n${emailBody}\n\n${tr('accounts.email.signature')}\n` },
  });
}
