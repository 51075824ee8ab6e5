import type { SignedUpAccount } from '../../test/auth-helpers.js';
import type { TestApp } from '../../test/test-app.js';
import type { AccountArea } from '../trusted-users/account-areas.js';

/**
 * Makes `person` a trusted user of `owner` with `areas` and switches the person's live sessions to
 * act for the owner, as accepting an invitation and switching would. Test set-up only.
 */
export async function actFor(t: TestApp, person: SignedUpAccount, owner: SignedUpAccount, areas: readonly AccountArea[]): Promise<void> {
  const { db } = t.app.deps;
  await db.insertInto('trusted_users').values({
    account_id: owner.accountId,
    invitee_subject_id: person.subjectId,
    invitee_email_lookup: null,
    invitee_email_enc: null,
    person_account_id: person.accountId,
    areas: [...areas],
    status: 'active',
    invitation_token_hash: null,
    invitation_expires_at: new Date(Date.now() + 86_400_000),
    accepted_at: new Date(),
    ended_at: null,
    ended_by: null,
  }).execute();
  await db.updateTable('sessions').set({ acting_for_account_id: owner.accountId })
    .where('principal_kind', '=', 'account').where('principal_id', '=', person.accountId).where('revoked_at', 'is', null).execute();
}

/** Whether `needle` appears anywhere in the bytes (as UTF-8). */
export function bytesContain(haystack: Buffer | null, needle: string): boolean {
  return haystack !== null && haystack.includes(Buffer.from(needle, 'utf8'));
}
