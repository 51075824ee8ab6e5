import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { PrincipalKind } from '../auth/auth.tables.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * accounts and staff_members share the two-factor and lockout columns by design; the cast lets one
 * query serve both tables (only shared columns are named below).
 */
const tableOf = { account: 'accounts', staff: 'staff_members' } as const;
function principalTable(kind: PrincipalKind): 'accounts' {
  return tableOf[kind] as 'accounts';
}

/** What the two-factor use cases need about a principal. */
export interface TwoFactorState {
  readonly id: string;
  readonly subject_id: string;
  readonly password_hash: string | null;
  readonly email_enc: Buffer;
  readonly totp_secret_enc: Buffer | null;
  readonly totp_enabled_at: Date | null;
  readonly totp_last_step: number | null;
  readonly locked_until: Date | null;
}

/** Reads the principal's two-factor state; inside a transaction the row is locked against races. */
export async function findTwoFactorState(db: Db, kind: PrincipalKind, id: string, lock = false): Promise<TwoFactorState | undefined> {
  let query = db
    .selectFrom(principalTable(kind))
    .select(['id', 'subject_id', 'password_hash', 'email_enc', 'totp_secret_enc', 'totp_enabled_at', 'totp_last_step', 'locked_until'])
    .where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { ...row, totp_last_step: row.totp_last_step === null ? null : Number(row.totp_last_step) } : undefined;
}

/** Stores a new, not yet confirmed secret; two-factor stays off until confirmed. */
export async function storePendingSecret(trx: Transaction<Database>, kind: PrincipalKind, id: string, secretEnc: Buffer): Promise<void> {
  await trx.updateTable(principalTable(kind)).set({ totp_secret_enc: secretEnc, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
}

export async function enableTotp(trx: Transaction<Database>, kind: PrincipalKind, id: string, step: number, now: Date): Promise<void> {
  await trx.updateTable(principalTable(kind)).set({ totp_enabled_at: now, totp_last_step: step }).where('id', '=', id).execute();
}

export async function disableTotp(trx: Transaction<Database>, kind: PrincipalKind, id: string): Promise<void> {
  await trx.updateTable(principalTable(kind)).set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
}

/** Moves the replay guard forward; false when the step (or a later one) was already used. */
export async function advanceTotpStep(trx: Transaction<Database>, kind: PrincipalKind, id: string, step: number): Promise<boolean> {
  const result = await trx
    .updateTable(principalTable(kind))
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(trx: Transaction<Database>, kind: PrincipalKind, id: string, codeHashes: readonly string[]): Promise<void> {
  await deleteRecoveryCodes(trx, kind, id);
  await trx
    .insertInto('recovery_codes')
    .values(codeHashes.map((code_hash) => ({ principal_kind: kind, principal_id: id, code_hash })))
    .execute();
}

export async function deleteRecoveryCodes(trx: Transaction<Database>, kind: PrincipalKind, id: string): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('principal_kind', '=', kind).where('principal_id', '=', id).execute();
}

/** Marks the matching unused code used; false when there is none (wrong or already used). */
export async function consumeRecoveryCode(trx: Transaction<Database>, kind: PrincipalKind, id: string, codeHash: string, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', id)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Db, kind: PrincipalKind, id: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
