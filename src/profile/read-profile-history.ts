import type { Kysely } from 'kysely';
import { loadAccountProfile } from '../accounts/account-profile.js';
import type { ActorType } from '../audit/audit.tables.js';
import { SubjectKeyShreddedError, type Keyring, type SubjectCipher } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import type { AccountPrincipal } from '../http/principal.js';
import type { ContactRole } from './profile.tables.js';
import { sealedHistoryFields, type HistoryField } from './profile-fields.js';
import { historyOfAccount } from './profile.store.js';

export interface HistoryEntry {
  readonly id: string;
  readonly changedAt: Date;
  readonly field: HistoryField;
  readonly contactId: string | null;
  readonly contactRole: ContactRole | null;
  readonly oldValue: string | null;
  readonly newValue: string | null;
  /** The values belonged to a person who has since been erased (a removed contact). */
  readonly erased: boolean;
  readonly actor: { readonly type: ActorType; readonly id: string | null; readonly name: string | null };
}

/** How far back the page and the API look; older entries stay stored while the account is open. */
export const historyLimit = 500;

/** Contacts are other people: the owner sees them, a trusted user only with the contacts grant. */
export function mayReadContacts(account: AccountPrincipal): boolean {
  return account.acting === null || account.acting.areas.includes('contacts');
}

/**
 * The rectification history of one account, newest first, values opened with the key of whom they
 * are about. A trusted user who made a change is named (the owner knows whom they trusted).
 * Contact entries only with `includeContacts` (see mayReadContacts).
 */
export async function readProfileHistory(db: Kysely<Database>, keyring: Keyring, accountId: string, { includeContacts }: { readonly includeContacts: boolean }): Promise<HistoryEntry[]> {
  const rows = await historyOfAccount(db, accountId, historyLimit, includeContacts);
  const ciphers = new Map<string, SubjectCipher | null>();
  const cipherOf = async (subjectId: string) => {
    if (!ciphers.has(subjectId)) ciphers.set(subjectId, await keyring.forSubject(db, subjectId).catch(shreddedAsNull));
    return ciphers.get(subjectId)!;
  };
  const names = new Map<string, string | null>();
  const trustedUserName = async (id: string) => {
    if (!names.has(id)) {
      names.set(id, await loadAccountProfile(db, keyring, id).then((p) => `${p.firstName} ${p.lastName}`, () => null));
    }
    return names.get(id)!;
  };
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    const cipher = await cipherOf(row.subject_id);
    const open = (value: Buffer | null, field: string) => (value && cipher ? cipher.decrypt(value, field) : null);
    entries.push({
      id: row.id,
      changedAt: row.changed_at,
      field: row.field as HistoryField,
      contactId: row.contact_id,
      contactRole: row.contact_role,
      oldValue: open(row.old_value_enc, sealedHistoryFields.oldValue),
      newValue: open(row.new_value_enc, sealedHistoryFields.newValue),
      erased: cipher === null,
      actor: { type: row.actor_type, id: row.actor_id, name: row.actor_type === 'trusted_user' && row.actor_id ? await trustedUserName(row.actor_id) : null },
    });
  }
  return entries;
}

function shreddedAsNull(error: unknown): null {
  if (error instanceof SubjectKeyShreddedError) return null;
  throw error;
}

export function historyJson(entry: HistoryEntry) {
  return {
    id: entry.id,
    changedAt: entry.changedAt.toISOString(),
    field: entry.field,
    contactId: entry.contactId,
    contactRole: entry.contactRole,
    oldValue: entry.oldValue,
    newValue: entry.newValue,
    erased: entry.erased,
    actor: { type: entry.actor.type, name: entry.actor.name },
  };
}
