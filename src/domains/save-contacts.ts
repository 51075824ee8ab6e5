import type { RequestContext } from '../context/request-context.js';
import type { Keyring } from '../crypto/keyring.js';
import { insertSubject } from '../subjects/subjects.store.js';
import { sealContact, type ContactInput, type ContactsInput } from './domain-contacts.js';
import { deleteContact, insertContact, markSubjectErased, type ContactRow } from './domains.store.js';
import type { ContactRole } from './domains.tables.js';

/**
 * Stores one contact. The account holder's details are sealed with the customer's key; another
 * person gets a subject of their own (kind 'contact') and key, so they can be erased on their own.
 * Returns the subject the contact is linked to.
 */
export async function saveContact(ctx: RequestContext, keyring: Keyring, input: { domainId: string; role: ContactRole; customerSubjectId: string; contact: ContactInput; isAccountHolder: boolean; now: Date }): Promise<string> {
  let subjectId = input.customerSubjectId;
  let cipher;
  if (input.isAccountHolder) {
    cipher = await keyring.forSubject(ctx.trx, subjectId);
  } else {
    subjectId = await insertSubject(ctx.trx, 'contact');
    cipher = await keyring.createSubjectKey(ctx.trx, subjectId);
  }
  await insertContact(ctx.trx, { domain_id: input.domainId, role: input.role, subject_id: subjectId, is_account_holder: input.isAccountHolder, ...sealContact(cipher, input.contact), registry_synced_at: null, updated_at: input.now });
  return subjectId;
}

/** The four contacts of a new order: the registrant is the account holder; null roles copy the registrant. */
export async function saveOrderContacts(ctx: RequestContext, keyring: Keyring, domainId: string, customerSubjectId: string, contacts: ContactsInput, now: Date): Promise<number> {
  let others = 0;
  await saveContact(ctx, keyring, { domainId, role: 'registrant', customerSubjectId, contact: contacts.registrant, isAccountHolder: true, now });
  for (const role of ['admin', 'tech', 'billing'] as const) {
    const given = contacts[role];
    if (given) others += 1;
    await saveContact(ctx, keyring, { domainId, role, customerSubjectId, contact: given ?? contacts.registrant, isAccountHolder: given === null, now });
  }
  return others;
}

/**
 * Removes a replaced contact. Someone other than the account holder is no longer our contact at
 * all: their key is shredded and their subject marked erased, so no copy stays readable.
 */
export async function removeContact(ctx: RequestContext, keyring: Keyring, row: ContactRow, now: Date): Promise<void> {
  await deleteContact(ctx.trx, row.id);
  if (!row.is_account_holder) {
    await keyring.shred(ctx.trx, row.subject_id);
    await markSubjectErased(ctx.trx, row.subject_id, now);
  }
}
