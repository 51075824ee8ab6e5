import type { RequestContext } from '../context/request-context.js';
import type { SubjectCipher } from '../crypto/keyring.js';
import type { ContactRole } from './profile.tables.js';
import { sealedHistoryFields, type HistoryField } from './profile-fields.js';
import { insertProfileChanges } from './profile.store.js';

export interface FieldChange {
  readonly field: HistoryField;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

/** Whose data changed: the customer (their key), or one of their contacts (the contact's key). */
export interface ChangeTarget {
  readonly accountId: string;
  readonly subjectId: string;
  readonly contact?: { readonly id: string; readonly role: ContactRole };
}

/**
 * Appends history entries in the caller's transaction, values sealed with the target's key and
 * the actor taken from the context: the customer, a trusted user acting for them, or staff.
 */
export async function recordProfileChanges(ctx: RequestContext, cipher: SubjectCipher, target: ChangeTarget, changes: readonly FieldChange[], at: Date): Promise<void> {
  const seal = (value: string | null, field: string) => (value === null ? null : cipher.encrypt(value, field));
  await insertProfileChanges(ctx.trx, changes.map((change) => ({
    account_id: target.accountId,
    subject_id: target.subjectId,
    contact_id: target.contact?.id ?? null,
    contact_role: target.contact?.role ?? null,
    field: change.field,
    old_value_enc: seal(change.oldValue, sealedHistoryFields.oldValue),
    new_value_enc: seal(change.newValue, sealedHistoryFields.newValue),
    actor_type: ctx.actor.type,
    actor_id: ctx.actor.id,
    changed_at: at,
  })));
}
