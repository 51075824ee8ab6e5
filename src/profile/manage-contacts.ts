import { recordAuditEvent } from '../audit/record-audit-event.js';
import { inTransaction, type ContextWithoutTransaction, type RequestContext } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { insertSubject } from '../subjects/subjects.store.js';
import { normalisePhone } from './profile-validation.js';
import { maxContactsPerAccount, sealedContactFields, type ContactValues } from './profile-fields.js';
import {
  contactOfAccount, contactsOfAccount, countContacts, deleteContact, eraseContactHistoryValues, insertContact, lockAccountForEdit, markSubjectErased, updateContact,
} from './profile.store.js';
import { openContact } from './read-contacts.js';
import { recordProfileChanges, type FieldChange } from './record-profile-changes.js';
import type { ProfileTarget } from './update-profile.js';

const purpose = 'dpv:ServiceProvision' as const;

/**
 * Adds a billing or technical contact. The contact is another person, so they get a subject and
 * a key of their own: their data can be erased without touching the customer's.
 */
export async function addContact(deps: AppDeps, base: ContextWithoutTransaction, target: ProfileTarget, input: ContactValues): Promise<{ contactId: string }> {
  const now = deps.now();
  const values = { ...input, phone: checkedPhone(input.phone) };
  return inTransaction(deps.db, { ...base, purpose }, async (ctx) => {
    await lockedAccount(ctx, target.accountId);
    if ((await countContacts(ctx.trx, target.accountId)) >= maxContactsPerAccount) {
      throw new AppError('CONFLICT', `An account can have at most ${maxContactsPerAccount} contacts; remove one first`);
    }
    const subjectId = await insertSubject(ctx.trx, 'contact');
    const cipher = await deps.keyring.createSubjectKey(ctx.trx, subjectId);
    const contactId = await insertContact(ctx.trx, {
      account_id: target.accountId,
      subject_id: subjectId,
      role: values.role,
      name_enc: cipher.encrypt(values.name, sealedContactFields.name),
      email_enc: cipher.encrypt(values.email, sealedContactFields.email),
      phone_enc: values.phone === null ? null : cipher.encrypt(values.phone, sealedContactFields.phone),
    });
    const changes: FieldChange[] = [
      { field: 'contact.name', oldValue: null, newValue: values.name },
      { field: 'contact.email', oldValue: null, newValue: values.email },
      ...(values.phone === null ? [] : [{ field: 'contact.phone' as const, oldValue: null, newValue: values.phone }]),
    ];
    await recordProfileChanges(ctx, cipher, { ...target, subjectId, contact: { id: contactId, role: values.role } }, changes, now);
    await recordAuditEvent(ctx, { action: 'contact.added', subjectId, details: { accountId: target.accountId, contactId, role: values.role, fields: changes.map((c) => c.field) } });
    return { contactId };
  });
}

/** Rectifies a contact: changed fields only, each with a history entry sealed with the contact's key. */
export async function changeContact(deps: AppDeps, base: ContextWithoutTransaction, target: ProfileTarget, contactId: string, patch: Partial<ContactValues>): Promise<{ changed: string[] }> {
  const now = deps.now();
  return inTransaction(deps.db, { ...base, purpose }, async (ctx) => {
    await lockedAccount(ctx, target.accountId);
    const row = await contactOfAccount(ctx.trx, target.accountId, contactId);
    if (!row) throw new AppError('NOT_FOUND', 'No such contact on this account');
    const current = await openContact(ctx.trx, deps.keyring, row);
    const next: ContactValues = {
      role: patch.role ?? current.role,
      name: patch.name ?? current.name,
      email: patch.email ?? current.email,
      phone: patch.phone === undefined ? current.phone : checkedPhone(patch.phone),
    };
    const changes: FieldChange[] = (['role', 'name', 'email', 'phone'] as const)
      .filter((key) => next[key] !== current[key])
      .map((key) => ({ field: `contact.${key}`, oldValue: current[key], newValue: next[key] }));
    if (changes.length === 0) return { changed: [] };
    const cipher = await deps.keyring.forSubject(ctx.trx, row.subject_id);
    await updateContact(ctx.trx, target.accountId, contactId, {
      role: next.role,
      name_enc: cipher.encrypt(next.name, sealedContactFields.name),
      email_enc: cipher.encrypt(next.email, sealedContactFields.email),
      phone_enc: next.phone === null ? null : cipher.encrypt(next.phone, sealedContactFields.phone),
    }, now);
    await recordProfileChanges(ctx, cipher, { ...target, subjectId: row.subject_id, contact: { id: contactId, role: next.role } }, changes, now);
    const fields = changes.map((c) => c.field);
    await recordAuditEvent(ctx, { action: 'contact.updated', subjectId: row.subject_id, details: { accountId: target.accountId, contactId, fields } });
    return { changed: fields };
  });
}

/**
 * Removes a contact and erases them: their key is destroyed (every sealed copy, e.g. queued
 * emails, becomes unreadable), the subject is marked erased, and their history entries keep only
 * field names and times. The history gains one entry saying the contact was removed.
 */
export async function removeContact(deps: AppDeps, base: ContextWithoutTransaction, target: ProfileTarget, contactId: string): Promise<void> {
  const now = deps.now();
  await inTransaction(deps.db, { ...base, purpose }, async (ctx) => {
    await lockedAccount(ctx, target.accountId);
    const row = await contactOfAccount(ctx.trx, target.accountId, contactId);
    if (!row) throw new AppError('NOT_FOUND', 'No such contact on this account');
    await eraseContact(ctx, deps, target.accountId, row.id, row.subject_id, now);
    const cipher = await deps.keyring.forSubject(ctx.trx, target.subjectId);
    await recordProfileChanges(ctx, cipher, { ...target, contact: { id: contactId, role: row.role } }, [{ field: 'contact.removed', oldValue: null, newValue: null }], now);
    await recordAuditEvent(ctx, { action: 'contact.removed', subjectId: row.subject_id, details: { accountId: target.accountId, contactId, role: row.role } });
  });
}

/**
 * For the erasure of a whole account, in the caller's transaction: every contact of the account is
 * erased as in removeContact (rows cascade with the account anyway, keys would not).
 */
export async function eraseContactsOfAccount(ctx: RequestContext, deps: Pick<AppDeps, 'keyring' | 'now'>, accountId: string): Promise<number> {
  const rows = await contactsOfAccount(ctx.trx, accountId);
  for (const row of rows) {
    await eraseContact(ctx, deps, accountId, row.id, row.subject_id, deps.now());
    await recordAuditEvent(ctx, { action: 'contact.erased', subjectId: row.subject_id, details: { accountId, contactId: row.id } });
  }
  return rows.length;
}

async function eraseContact(ctx: RequestContext, deps: Pick<AppDeps, 'keyring'>, accountId: string, contactId: string, subjectId: string, now: Date): Promise<void> {
  await deleteContact(ctx.trx, accountId, contactId);
  await eraseContactHistoryValues(ctx.trx, accountId, contactId);
  await deps.keyring.shred(ctx.trx, subjectId);
  await markSubjectErased(ctx.trx, subjectId, now);
}

/** The routes' schemas normalise phones already; other callers (the demo) get the same rule. */
function checkedPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const normalised = normalisePhone(phone);
  if (normalised === null) throw new AppError('VALIDATION_FAILED', 'Not an international phone number', { fieldErrors: [{ field: 'phone', message: 'Not an international phone number' }] });
  return normalised;
}

async function lockedAccount(ctx: RequestContext, accountId: string): Promise<void> {
  if (!(await lockAccountForEdit(ctx.trx, accountId))) throw new AppError('NOT_FOUND', 'No such account');
}
