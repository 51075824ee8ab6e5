import type { AccountProfile } from '../accounts/account-profile.js';
import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { translator, type Translate } from '../i18n/i18n.js';
import type { AccountArea } from './account-areas.js';
import { areaLabel } from './area-labels.js';

export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/account/trusted-users/accept/${encodeURIComponent(token)}`;
}

function areaList(tr: Translate, areas: readonly string[]): string {
  return areas.map((area) => `- ${areaLabel(tr, area as AccountArea)}`).join('\n');
}

function fullName(profile: AccountProfile): string {
  return `${profile.firstName} ${profile.lastName}`;
}

/**
 * The invitation goes to an address that may have no account yet: it is sealed with the invitee's
 * own subject key and written in the owner's language (the only one known).
 */
export async function sendInvitationEmail(ctx: RequestContext, keyring: Keyring, input: { inviteeSubjectId: string; to: string; owner: AccountProfile; areas: readonly string[]; link: string; expiresAt: Date }): Promise<void> {
  const tr = translator(input.owner.locale);
  const text = `${tr('trustedUsers.email.invite.body', { owner: fullName(input.owner), areas: areaList(tr, input.areas), link: input.link, expires: `${input.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` })}\n\n${tr('accounts.email.signature')}\n`;
  await enqueueEmail(ctx, keyring, {
    subjectId: input.inviteeSubjectId,
    messageClass: 'service',
    template: 'trusted_users.invitation',
    message: { to: input.to, subject: tr('trustedUsers.email.invite.subject', { owner: fullName(input.owner) }), text },
  });
}

/** Tells the owner that the invited address accepted and now acts for the account. */
export async function sendAcceptedEmail(ctx: RequestContext, keyring: Keyring, owner: AccountProfile, invitee: string, areas: readonly string[]): Promise<void> {
  const tr = translator(owner.locale);
  const text = `${tr('accounts.email.greeting', { name: owner.firstName })}\n\n${tr('trustedUsers.email.accepted.body', { invitee, areas: areaList(tr, areas) })}\n\n${tr('accounts.email.signature')}\n`;
  await enqueueEmail(ctx, keyring, { subjectId: owner.subjectId, messageClass: 'service', template: 'trusted_users.accepted', message: { to: owner.email, subject: tr('trustedUsers.email.accepted.subject'), text } });
}

/** Tells the trusted person that the owner ended their access. */
export async function sendRevokedEmail(ctx: RequestContext, keyring: Keyring, person: AccountProfile, owner: AccountProfile): Promise<void> {
  const tr = translator(person.locale);
  const text = `${tr('accounts.email.greeting', { name: person.firstName })}\n\n${tr('trustedUsers.email.revoked.body', { owner: fullName(owner) })}\n\n${tr('accounts.email.signature')}\n`;
  await enqueueEmail(ctx, keyring, { subjectId: person.subjectId, messageClass: 'service', template: 'trusted_users.revoked', message: { to: person.email, subject: tr('trustedUsers.email.revoked.subject'), text } });
}

/** Tells the owner that a trusted person gave up their access. */
export async function sendLeftEmail(ctx: RequestContext, keyring: Keyring, owner: AccountProfile, invitee: string): Promise<void> {
  const tr = translator(owner.locale);
  const text = `${tr('accounts.email.greeting', { name: owner.firstName })}\n\n${tr('trustedUsers.email.left.body', { invitee })}\n\n${tr('accounts.email.signature')}\n`;
  await enqueueEmail(ctx, keyring, { subjectId: owner.subjectId, messageClass: 'service', template: 'trusted_users.left', message: { to: owner.email, subject: tr('trustedUsers.email.left.subject'), text } });
}
