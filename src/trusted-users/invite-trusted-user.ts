import { randomBytes } from 'node:crypto';
import { loadAccountProfile } from '../accounts/account-profile.js';
import { findAccountById } from '../accounts/accounts.store.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { hashToken } from '../auth/session-cookies.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, type ContextWithoutTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { insertSubject } from '../subjects/subjects.store.js';
import type { AccountArea } from './account-areas.js';
import { GrantRefused } from './grant-refused.js';
import { invitationLink, sendInvitationEmail } from './trusted-users.emails.js';
import { findOpenGrantForInvitee, insertGrant, renewInvitation } from './trusted-users.store.js';
import { inviteeEmailField } from './trusted-users.tables.js';

/** How long an emailed invitation link works. */
export const invitationValidity = 'P7D';

export interface AccountRef {
  readonly accountId: string;
  readonly subjectId: string;
}

export interface InvitationInput {
  readonly email: string;
  readonly areas: readonly AccountArea[];
}

export interface InvitationSent {
  readonly grantId: string;
  readonly expiresAt: Date;
  /** True when a pending invitation to the same address was sent again with a new link. */
  readonly renewed: boolean;
}

/**
 * The owner invites a person by email to act for their own account in the chosen areas. Inviting
 * an address with a pending invitation sends a fresh link; one that already acts is refused.
 */
export async function inviteTrustedUser(deps: AppDeps, base: ContextWithoutTransaction, owner: AccountRef, input: InvitationInput): Promise<InvitationSent> {
  const { token: _emailedOnly, ...sent } = await issueInvitation(deps, base, owner, input);
  return sent;
}

/** The invitation with its link token, which otherwise only travels in the email (the demo follows it itself). */
export async function issueInvitation(deps: AppDeps, base: ContextWithoutTransaction, owner: AccountRef, input: InvitationInput): Promise<InvitationSent & { token: string }> {
  const now = deps.now();
  const emailLookup = deps.keyring.emailLookup(input.email);
  const areas = [...new Set(input.areas)];
  return inTransaction(deps.db, { ...base, purpose: 'dpv:AccountManagement' }, async (ctx) => {
    const ownerRow = await findAccountById(ctx.trx, owner.accountId);
    if (ownerRow?.email_lookup.equals(emailLookup)) throw new GrantRefused('self');
    const ownerProfile = await loadAccountProfile(ctx.trx, deps.keyring, owner.accountId);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = addDuration(now, invitationValidity);

    const open = await findOpenGrantForInvitee(ctx.trx, owner.accountId, emailLookup);
    if (open?.status === 'active') throw new GrantRefused('alreadyTrusted');
    let grantId: string;
    let inviteeSubjectId: string;
    if (open) {
      grantId = open.id;
      inviteeSubjectId = open.invitee_subject_id;
      await renewInvitation(ctx.trx, grantId, { tokenHash: hashToken(token), expiresAt, areas, now });
    } else {
      // The invitee may have no account: the address is theirs, sealed with a subject key of their own.
      inviteeSubjectId = await insertSubject(ctx.trx, 'contact');
      const cipher = await deps.keyring.createSubjectKey(ctx.trx, inviteeSubjectId);
      grantId = await insertGrant(ctx.trx, {
        account_id: owner.accountId,
        invitee_subject_id: inviteeSubjectId,
        invitee_email_lookup: emailLookup,
        invitee_email_enc: cipher.encrypt(input.email.trim(), inviteeEmailField),
        person_account_id: null,
        areas,
        status: 'invited',
        invitation_token_hash: hashToken(token),
        invitation_expires_at: expiresAt,
        accepted_at: null,
        ended_at: null,
        ended_by: null,
      });
    }
    await recordAuditEvent(ctx, {
      action: open ? 'trusted_users.invitation_renewed' : 'trusted_users.invited',
      subjectId: owner.subjectId,
      details: { grantId, accountId: owner.accountId, inviteeSubjectId, areas },
    });
    await sendInvitationEmail(ctx, deps.keyring, { inviteeSubjectId, to: input.email.trim(), owner: ownerProfile, areas, link: invitationLink(deps.config.http.publicUrl, token), expiresAt });
    return { grantId, expiresAt, renewed: open !== undefined, token };
  });
}
