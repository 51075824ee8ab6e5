import { randomBytes } from 'node:crypto';
import { bodyField, titleField } from '../account-messages/post-account-message.js';
import { encryptedAccountFields } from '../accounts/account-fields.js';
import { hashToken, newSessionToken } from '../auth/session-cookies.js';
import type { SubjectCipher } from '../crypto/keyring.js';
import { sealedContactFields, sealedHistoryFields, sealedProfileFields } from '../profile/profile-fields.js';
import { invitationValidity } from '../trusted-users/invite-trusted-user.js';
import { inviteeEmailField } from '../trusted-users/trusted-users.tables.js';
import { durationMs } from '../config/duration.js';
import { addSubject, date, dateOrNull, type BuildContext, type ChunkRows } from './chunk-rows.js';
import type { CustomerPlan } from './customer-plan.js';
import { SubjectSource } from './scale-ids.js';

/** The first two ids of every customer: subject, then account (so a trusted user's grant can name another customer's account). */
export function customerIds(seed: number, index: number): { subjectId: string; accountId: string } {
  const ids = new SubjectSource(seed, 'customer', index);
  return { subjectId: ids.nextId(), accountId: ids.nextId() };
}

export interface BuiltAccount {
  readonly subjectId: string;
  readonly accountId: string;
  readonly cipher: SubjectCipher;
}

/** Subject, key, account, profile with its history, contacts, consent, sign-ins, session and inbox. */
export function buildAccountRows(build: BuildContext, rows: ChunkRows, plan: CustomerPlan): BuiltAccount {
  const { person, network } = plan;
  const subjectId = plan.ids.nextId();
  const accountId = plan.ids.nextId();
  const cipher = addSubject(build, rows, subjectId, 'customer', plan.signupAt);
  rows.accounts.push({
    id: accountId, subject_id: subjectId,
    email_lookup: build.keyring.emailLookup(person.email),
    email_enc: cipher.encrypt(person.email, encryptedAccountFields.email),
    first_name_enc: cipher.encrypt(person.firstName, encryptedAccountFields.firstName),
    last_name_enc: cipher.encrypt(person.lastName, encryptedAccountFields.lastName),
    password_hash: build.passwordHash,
    country: person.country, locale: person.locale,
    minimum_age_confirmed_at: date(plan.signupAt), email_verified_at: date(plan.verifiedAt), status: 'active',
    totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, failed_sign_ins: 0, locked_until: null,
    password_changed_at: date(plan.signupAt), created_at: date(plan.signupAt), updated_at: date(plan.verifiedAt),
  });
  const history = (changes: HistoryEntries, sealer: SubjectCipher, owner: string, at: number, contact: { id: string; role: 'billing' | 'technical' } | null) =>
    addHistory(rows, plan, { accountId, owner, sealer, at, contact }, changes);
  const profile = plan.profile;
  if (profile) {
    const seal = (value: string | null, field: keyof typeof sealedProfileFields) => (value === null ? null : cipher.encrypt(value, sealedProfileFields[field]));
    rows.customer_profiles.push({
      account_id: accountId, subject_id: subjectId,
      phone_enc: seal(profile.phone, 'phone'), company_enc: seal(profile.company, 'company'), vat_id_enc: seal(profile.vatId, 'vat_id'),
      address_lines_enc: seal(profile.addressLines, 'address_lines'), postal_code_enc: seal(profile.postalCode, 'postal_code'),
      city_enc: seal(profile.city, 'city'), region_enc: null, country: profile.country,
      pending_email_enc: null, pending_email_lookup: null, pending_email_token_hash: null, pending_email_expires_at: null,
      updated_at: date(profile.at),
    });
    history([['phone', profile.phone], ['company', profile.company], ['vat_id', profile.vatId], ['address_lines', profile.addressLines], ['postal_code', profile.postalCode], ['city', profile.city], ['address_country', profile.country]], cipher, subjectId, profile.at, null);
  }
  for (const contact of plan.contacts) {
    const contactSubject = plan.ids.nextId();
    const contactId = plan.ids.nextId();
    const sealer = addSubject(build, rows, contactSubject, 'contact', contact.at);
    rows.account_contacts.push({
      id: contactId, account_id: accountId, subject_id: contactSubject, role: contact.role,
      name_enc: sealer.encrypt(contact.name, sealedContactFields.name), email_enc: sealer.encrypt(contact.email, sealedContactFields.email),
      phone_enc: contact.phone === null ? null : sealer.encrypt(contact.phone, sealedContactFields.phone),
      created_at: date(contact.at), updated_at: date(contact.at),
    });
    history([['contact.name', contact.name], ['contact.email', contact.email], ['contact.phone', contact.phone]], sealer, contactSubject, contact.at, { id: contactId, role: contact.role });
  }
  for (const consent of plan.consents) {
    rows.consent_records.push({
      id: plan.ids.nextId(), subject_id: subjectId, browser_id: null, purpose: consent.purpose, channel: consent.channel, status: consent.status, method: consent.method,
      notice_version: build.notice.version, notice_text_hash: build.notice.textHash, occurred_at: date(consent.at), expires_at: null,
      ip_truncated: network.ipTruncated, user_agent_family: network.userAgent, evidence: consent.evidence,
    });
  }
  for (const signIn of plan.signIns) {
    rows.sign_in_events.push({ id: plan.ids.nextId(), principal_kind: 'account', principal_id: accountId, outcome: signIn.outcome, ip_truncated: network.ipTruncated, user_agent_family: network.userAgent, occurred_at: date(signIn.at) });
  }
  if (plan.session) {
    // A random token nobody holds: the row is realistic, the session cannot be used.
    rows.sessions.push({
      id: plan.ids.nextId(), token_hash: hashToken(newSessionToken()), principal_kind: 'account', principal_id: accountId, second_factor_verified: true,
      ip_truncated: network.ipTruncated, user_agent_family: network.userAgent, created_at: date(plan.session.createdAt), last_seen_at: date(plan.session.lastSeenAt),
      expires_at: date(plan.session.expiresAt), revoked_at: null, revoke_reason: null, acting_for_account_id: null,
    });
  }
  for (const message of plan.inbox) {
    rows.account_messages.push({
      id: plan.ids.nextId(), account_id: accountId, subject_id: subjectId, category: message.category,
      title_enc: cipher.encrypt(message.title, titleField), body_enc: cipher.encrypt(message.body, bodyField),
      created_at: date(message.at), read_at: dateOrNull(message.readAt),
    });
  }
  if (plan.comment) {
    rows.announcement_comments.push({
      id: plan.ids.nextId(), announcement_id: build.announcementIds[plan.comment.announcement]!, author_subject_id: subjectId, author_account_id: accountId,
      body: plan.comment.body, created_at: date(plan.comment.at), hidden_at: null, deattributed_at: null,
    });
  }
  return { subjectId, accountId, cipher };
}

type HistoryEntries = Array<[field: string, value: string | null]>;

/** Rectification history as the profile keeps it: one entry per field set, the new value sealed with the owner's key. */
function addHistory(rows: ChunkRows, plan: CustomerPlan, target: { accountId: string; owner: string; sealer: SubjectCipher; at: number; contact: { id: string; role: 'billing' | 'technical' } | null }, changes: HistoryEntries): void {
  for (const [field, value] of changes) {
    if (value === null) continue;
    rows.profile_changes.push({
      id: plan.ids.nextId(), account_id: target.accountId, subject_id: target.owner, contact_id: target.contact?.id ?? null, contact_role: target.contact?.role ?? null,
      field, old_value_enc: null, new_value_enc: target.sealer.encrypt(value, sealedHistoryFields.newValue),
      actor_type: 'customer', actor_id: target.accountId, changed_at: date(target.at),
    });
  }
}

/**
 * A trusted user: the invitee is a subject of their own (kind contact) whose key seals the invited
 * address. An accepted grant names another customer of the chunk; without one, it stays an invitation.
 */
export function buildGrantRows(build: BuildContext, rows: ChunkRows, plan: CustomerPlan, owner: BuiltAccount, partner: { plan: CustomerPlan; accountId: string } | null): void {
  const grant = plan.grant;
  if (!grant) return;
  const accepted = grant.status !== 'invited' && partner !== null;
  const email = accepted ? partner.plan.person.email : grant.outsiderEmail;
  const inviteeSubject = plan.ids.nextId();
  const sealer = addSubject(build, rows, inviteeSubject, 'contact', grant.createdAt);
  const lastChange = grant.endedAt ?? grant.acceptedAt ?? grant.createdAt;
  rows.trusted_users.push({
    id: plan.ids.nextId(), account_id: owner.accountId, invitee_subject_id: inviteeSubject,
    invitee_email_lookup: build.keyring.emailLookup(email), invitee_email_enc: sealer.encrypt(email, inviteeEmailField),
    person_account_id: accepted ? partner.accountId : null, areas: grant.areas,
    status: accepted ? grant.status : 'invited',
    // A pending invitation's link went out by email; nobody holds this random one, so it cannot be accepted.
    invitation_token_hash: accepted ? null : hashToken(randomBytes(32).toString('base64url')),
    invitation_expires_at: date(grant.createdAt + durationMs(invitationValidity)),
    accepted_at: accepted ? dateOrNull(grant.acceptedAt) : null,
    ended_at: accepted ? dateOrNull(grant.endedAt) : null,
    ended_by: accepted && grant.endedAt !== null ? 'owner' : null,
    created_at: date(grant.createdAt), updated_at: date(accepted ? lastChange : grant.createdAt),
  });
}
