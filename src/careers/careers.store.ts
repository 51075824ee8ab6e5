import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { ApplicationStatus, JobApplicationsTable, JobOpeningsTable, OpeningStatus } from './careers.tables.js';

type Db = Kysely<Database> | Transaction<Database>;
export type OpeningRow = Selectable<JobOpeningsTable>;
export type ApplicationRow = Selectable<JobApplicationsTable>;
/** What the staff list needs; the CV itself stays in the database until someone opens it. */
export type ApplicationSummaryRow = Pick<ApplicationRow, 'id' | 'opening_id' | 'applicant_subject_id' | 'name_enc' | 'status' | 'received_at' | 'removal_requested_at' | 'retention_starts_at'> & { opening_title: string };

export async function insertOpening(trx: Transaction<Database>, row: { title: string; description: string; location: string; now: Date }): Promise<string> {
  const inserted = await trx.insertInto('job_openings').values({ title: row.title, description: row.description, location: row.location, created_at: row.now, updated_at: row.now }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setOpeningStatus(trx: Transaction<Database>, id: string, status: OpeningStatus, now: Date): Promise<boolean> {
  const result = await trx.updateTable('job_openings').set({ status, updated_at: now }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findOpening(db: Db, id: string): Promise<OpeningRow | undefined> {
  return db.selectFrom('job_openings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOpenings(db: Db, options: { openOnly: boolean }): Promise<OpeningRow[]> {
  let query = db.selectFrom('job_openings').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (options.openOnly) query = query.where('status', '=', 'open');
  return query.execute();
}

export async function insertApplication(trx: Transaction<Database>, row: Omit<Insertable<JobApplicationsTable>, 'id' | 'status' | 'staff_notes_enc' | 'removal_requested_at' | 'retention_starts_at'>): Promise<string> {
  const inserted = await trx.insertInto('job_applications').values({ ...row, staff_notes_enc: null, removal_requested_at: null, retention_starts_at: null }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('job_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row so status changes and notes from two staff members apply one after the other. */
export async function findApplicationForUpdate(trx: Transaction<Database>, id: string): Promise<ApplicationRow | undefined> {
  return trx.selectFrom('job_applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listApplications(db: Db, limit: number): Promise<ApplicationSummaryRow[]> {
  return db
    .selectFrom('job_applications as a')
    .innerJoin('job_openings as o', 'o.id', 'a.opening_id')
    .select(['a.id', 'a.opening_id', 'a.applicant_subject_id', 'a.name_enc', 'a.status', 'a.received_at', 'a.removal_requested_at', 'a.retention_starts_at', 'o.title as opening_title'])
    .orderBy('a.received_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Changes the status; a closing status starts the retention period unless it already started.
 * The start never moves later, so a removal request or a rejection can only shorten the stay.
 */
export async function updateApplicationStatus(trx: Transaction<Database>, id: string, change: { status: ApplicationStatus; now: Date; startsRetention: boolean; removalRequested?: boolean }): Promise<void> {
  await trx
    .updateTable('job_applications')
    .set({
      status: change.status,
      // SET expressions read the old row: the time moves only when the status really changes.
      status_changed_at: sql<Date>`case when status = ${change.status} then status_changed_at else ${change.now} end`,
      ...(change.startsRetention ? { retention_starts_at: sql<Date>`coalesce(retention_starts_at, ${change.now})` } : {}),
      ...(change.removalRequested ? { removal_requested_at: sql<Date>`coalesce(removal_requested_at, ${change.now})` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function updateStaffNotes(trx: Transaction<Database>, id: string, notes: Buffer): Promise<void> {
  await trx.updateTable('job_applications').set({ staff_notes_enc: notes }).where('id', '=', id).execute();
}

/** Closing a position ends the recruitment for applications still without a decision: their retention starts. */
export async function startRetentionOfOpening(trx: Transaction<Database>, openingId: string, now: Date): Promise<number> {
  const result = await trx.updateTable('job_applications').set({ retention_starts_at: now }).where('opening_id', '=', openingId).where('retention_starts_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes an application and marks its applicant's subject erased (its key is shredded by the caller). */
export async function deleteApplication(trx: Transaction<Database>, id: string, subjectId: string, now: Date): Promise<void> {
  await trx.deleteFrom('job_applications').where('id', '=', id).execute();
  await trx.updateTable('subjects').set({ erased_at: now }).where('id', '=', subjectId).where('kind', '=', 'applicant').execute();
}
