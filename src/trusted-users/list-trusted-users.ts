import type { Kysely } from 'kysely';
import { SubjectKeyShreddedError, type Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { knownAreas, type AccountArea } from './account-areas.js';
import type { AccountRef } from './invite-trusted-user.js';
import { findGrantOfAccount, listGrantsOfAccount, recentActionsOnBehalfOf, type GrantRow } from './trusted-users.store.js';
import { inviteeEmailField } from './trusted-users.tables.js';

/** What the owner sees of a grant; 'expired' and 'left' are derived from the stored state. */
export type GrantState = 'invited' | 'expired' | 'active' | 'revoked' | 'left';

export interface TrustedUserView {
  readonly id: string;
  /** The address the owner invited; null once the invitee's data was erased. */
  readonly email: string | null;
  readonly areas: readonly AccountArea[];
  readonly state: GrantState;
  readonly createdAt: Date;
  readonly invitationExpiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly endedAt: Date | null;
}

export interface TrustedActionView {
  readonly id: string;
  readonly occurredAt: Date;
  readonly action: string;
  readonly personAccountId: string | null;
  /** The invited address of the grant the person acted under, when it is known. */
  readonly by: string | null;
}

function stateOf(row: GrantRow, now: Date): GrantState {
  if (row.status === 'revoked') return row.ended_by === 'person' ? 'left' : 'revoked';
  if (row.status === 'invited' && row.invitation_expires_at <= now) return 'expired';
  return row.status;
}

async function openEmail(db: Kysely<Database>, keyring: Keyring, row: GrantRow): Promise<string | null> {
  if (!row.invitee_email_enc) return null;
  try {
    return (await keyring.forSubject(db, row.invitee_subject_id)).decrypt(row.invitee_email_enc, inviteeEmailField);
  } catch (error) {
    if (error instanceof SubjectKeyShreddedError) return null;
    throw error;
  }
}

function viewOf(row: GrantRow, email: string | null, now: Date): TrustedUserView {
  return { id: row.id, email, areas: knownAreas(row.areas), state: stateOf(row, now), createdAt: row.created_at, invitationExpiresAt: row.invitation_expires_at, acceptedAt: row.accepted_at, endedAt: row.ended_at };
}

/** The owner's trusted users and invitations, newest first. */
export async function listTrustedUsers(deps: AppDeps, owner: AccountRef): Promise<TrustedUserView[]> {
  const now = deps.now();
  const rows = await listGrantsOfAccount(deps.db, owner.accountId);
  return Promise.all(rows.map(async (row) => viewOf(row, await openEmail(deps.db, deps.keyring, row), now)));
}

/** One of the owner's grants; another account's is not found. */
export async function readTrustedUser(deps: AppDeps, owner: AccountRef, grantId: string): Promise<TrustedUserView> {
  const row = await findGrantOfAccount(deps.db, owner.accountId, grantId);
  if (!row) throw new AppError('NOT_FOUND', 'No such trusted user on your account');
  return viewOf(row, await openEmail(deps.db, deps.keyring, row), deps.now());
}

/** The latest actions someone did while acting for the owner's account, with who did them. */
export async function listTrustedUserActions(deps: AppDeps, owner: AccountRef, limit = 50): Promise<TrustedActionView[]> {
  const [events, grants] = await Promise.all([recentActionsOnBehalfOf(deps.db, owner.accountId, limit), listGrantsOfAccount(deps.db, owner.accountId)]);
  const byPerson = new Map<string, GrantRow>();
  // Newest grant first in the list: keep the first seen per person.
  for (const grant of grants) if (grant.person_account_id && !byPerson.has(grant.person_account_id)) byPerson.set(grant.person_account_id, grant);
  const emails = new Map<string, string | null>();
  for (const [personId, grant] of byPerson) emails.set(personId, await openEmail(deps.db, deps.keyring, grant));
  return events.map((event) => ({
    id: event.id,
    occurredAt: event.occurred_at,
    action: event.action,
    personAccountId: event.actor_id,
    by: event.actor_id ? emails.get(event.actor_id) ?? null : null,
  }));
}
