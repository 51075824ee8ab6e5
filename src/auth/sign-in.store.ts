import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { PrincipalKind, SignInEventsTable } from './auth.tables.js';

/** The columns password sign-in needs; accounts and staff_members share them by design. */
export interface SignInCandidate {
  readonly id: string;
  readonly subject_id: string;
  readonly password_hash: string | null;
  readonly status: string;
  readonly failed_sign_ins: number;
  readonly locked_until: Date | null;
  readonly totp_enabled_at: Date | null;
  readonly email_verified_at: Date | null;
}

const tableOf = { account: 'accounts', staff: 'staff_members' } as const;

export async function findSignInCandidate(trx: Transaction<Database>, kind: PrincipalKind, emailLookup: Buffer): Promise<SignInCandidate | undefined> {
  if (kind === 'account') {
    return trx
      .selectFrom('accounts')
      .select(['id', 'subject_id', 'password_hash', 'status', 'failed_sign_ins', 'locked_until', 'totp_enabled_at', 'email_verified_at'])
      .where('email_lookup', '=', emailLookup)
      .forUpdate()
      .executeTakeFirst();
  }
  const row = await trx
    .selectFrom('staff_members')
    .select(['id', 'subject_id', 'password_hash', 'status', 'failed_sign_ins', 'locked_until', 'totp_enabled_at'])
    .where('email_lookup', '=', emailLookup)
    .forUpdate()
    .executeTakeFirst();
  // Staff addresses are confirmed by the setup link, so they count as verified.
  return row ? { ...row, email_verified_at: row.password_hash ? new Date(0) : null } : undefined;
}

export async function recordFailedAttempt(trx: Transaction<Database>, kind: PrincipalKind, id: string, lockAfter: number, lockUntil: Date): Promise<{ failedSignIns: number; locked: boolean }> {
  const result = await sql<{ failed_sign_ins: number; locked_until: Date | null }>`
    update ${sql.table(tableOf[kind])}
    set failed_sign_ins = failed_sign_ins + 1,
        locked_until = case when failed_sign_ins + 1 >= ${lockAfter} then ${lockUntil}::timestamptz else locked_until end
    where id = ${id}
    returning failed_sign_ins, locked_until`.execute(trx);
  const row = result.rows[0]!;
  return { failedSignIns: Number(row.failed_sign_ins), locked: row.locked_until !== null && row.locked_until.getTime() === lockUntil.getTime() };
}

export async function resetFailedAttempts(trx: Transaction<Database>, kind: PrincipalKind, id: string): Promise<void> {
  await sql`update ${sql.table(tableOf[kind])} set failed_sign_ins = 0, locked_until = null where id = ${id}`.execute(trx);
}

export async function insertSignInEvent(trx: Transaction<Database>, event: { principal_kind: PrincipalKind; principal_id: string; outcome: SignInEventsTable['outcome']; ip_truncated: string | null; user_agent_family: string | null }): Promise<void> {
  await trx.insertInto('sign_in_events').values(event).execute();
}

/** The latest sign-in events of a principal, newest first, for its owner's "recent sign-ins". */
export async function listSignInEvents(db: Kysely<Database>, kind: PrincipalKind, principalId: string, limit: number): Promise<Selectable<SignInEventsTable>[]> {
  return db
    .selectFrom('sign_in_events')
    .selectAll()
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', principalId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
