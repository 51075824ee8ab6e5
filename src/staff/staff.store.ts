import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { StaffMembersTable, StaffRole } from './staff.tables.js';

export type StaffRow = Selectable<StaffMembersTable>;
export type StaffStatus = StaffRow['status'];
type Db = Kysely<Database> | Transaction<Database>;

export async function insertStaffMember(
  trx: Transaction<Database>,
  row: { subject_id: string; email_lookup: Buffer; email_enc: Buffer; display_name_enc: Buffer; password_hash: string | null; role: StaffRole },
): Promise<string> {
  const inserted = await trx.insertInto('staff_members').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function staffEmailTaken(trx: Transaction<Database>, emailLookup: Buffer): Promise<boolean> {
  const row = await trx.selectFrom('staff_members').select('id').where('email_lookup', '=', emailLookup).executeTakeFirst();
  return row !== undefined;
}

export async function findStaffMember(db: Db, staffId: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff_members').selectAll().where('id', '=', staffId).executeTakeFirst();
}

/** Locks the member's row for a role or status change. */
export async function findStaffMemberForUpdate(trx: Transaction<Database>, staffId: string): Promise<StaffRow | undefined> {
  return trx.selectFrom('staff_members').selectAll().where('id', '=', staffId).forUpdate().executeTakeFirst();
}

export async function listStaffMembers(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff_members').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** Locks every active owner, so two concurrent demotions cannot both pass the last-owner check. */
export async function lockActiveOwnerIds(trx: Transaction<Database>): Promise<string[]> {
  const rows = await trx.selectFrom('staff_members').select('id').where('role', '=', 'owner').where('status', '=', 'active').orderBy('id').forUpdate().execute();
  return rows.map((r) => r.id);
}

export async function countStaffMembers(db: Db): Promise<number> {
  const row = await db.selectFrom('staff_members').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function ownerExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('staff_members').select('id').where('role', '=', 'owner').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function updateStaffRole(trx: Transaction<Database>, staffId: string, role: StaffRole, now: Date): Promise<void> {
  await trx.updateTable('staff_members').set({ role, updated_at: now }).where('id', '=', staffId).execute();
}

export async function updateStaffStatus(trx: Transaction<Database>, staffId: string, status: StaffStatus, now: Date): Promise<void> {
  await trx.updateTable('staff_members').set({ status, updated_at: now }).where('id', '=', staffId).execute();
}

export async function setStaffPassword(trx: Transaction<Database>, staffId: string, passwordHash: string, now: Date): Promise<void> {
  await trx
    .updateTable('staff_members')
    .set({ password_hash: passwordHash, failed_sign_ins: 0, locked_until: null, updated_at: now })
    .where('id', '=', staffId)
    .execute();
}

export async function setLastSignIn(trx: Transaction<Database>, staffId: string, now: Date): Promise<void> {
  await trx.updateTable('staff_members').set({ last_sign_in_at: now }).where('id', '=', staffId).execute();
}
