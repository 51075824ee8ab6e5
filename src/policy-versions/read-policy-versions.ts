import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { AppError } from '../errors/app-error.js';
import { compareSnapshots, diffLines, type LineChange, type PolicyChanges } from './compare-versions.js';
import { noticeText, type PolicySnapshot } from './policy-snapshot.js';
import { versionRecord, type PolicyVersionSummary } from './policy-versions.store.js';

export async function loadPolicyVersion(db: Kysely<Database>, version: number): Promise<{ summary: PolicyVersionSummary; snapshot: PolicySnapshot }> {
  const found = await versionRecord(db, version);
  if (!found) throw new AppError('NOT_FOUND', `There is no version ${version}`);
  const { snapshot, ...summary } = found;
  return { summary, snapshot: snapshot as PolicySnapshot };
}

/** A readable comparison of any two published versions: per register section, and line by line. */
export async function diffPolicyVersions(db: Kysely<Database>, from: number, to: number): Promise<{ changes: PolicyChanges; lines: LineChange[] }> {
  const [before, after] = await Promise.all([loadPolicyVersion(db, from), loadPolicyVersion(db, to)]);
  return { changes: compareSnapshots(before.snapshot, after.snapshot), lines: diffLines(noticeText(before.snapshot), noticeText(after.snapshot)) };
}
