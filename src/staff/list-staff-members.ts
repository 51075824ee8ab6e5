import type { AppDeps } from '../http/app-deps.js';
import { SubjectKeyShreddedError } from '../crypto/keyring.js';
import { encryptedStaffFields } from './create-staff-member.js';
import { findStaffMember, listStaffMembers, type StaffRow } from './staff.store.js';
import type { StaffRole } from './staff.tables.js';

export interface StaffMemberView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly status: 'active' | 'disabled';
  readonly twoFactorEnabled: boolean;
  readonly setupPending: boolean;
  readonly lastSignInAt: string | null;
  readonly createdAt: string;
}

/** Every staff member with name and address decrypted, for those who manage staff. */
export async function listStaffMemberViews(deps: AppDeps): Promise<StaffMemberView[]> {
  const rows = await listStaffMembers(deps.db);
  return Promise.all(rows.map((row) => toView(deps, row)));
}

export async function staffMemberView(deps: AppDeps, staffId: string): Promise<StaffMemberView | null> {
  const row = await findStaffMember(deps.db, staffId);
  return row ? toView(deps, row) : null;
}

async function toView(deps: AppDeps, row: StaffRow): Promise<StaffMemberView> {
  let email = '';
  let displayName = '';
  try {
    const cipher = await deps.keyring.forSubject(deps.db, row.subject_id);
    email = cipher.decrypt(row.email_enc, encryptedStaffFields.email);
    displayName = cipher.decrypt(row.display_name_enc, encryptedStaffFields.displayName);
  } catch (error) {
    if (!(error instanceof SubjectKeyShreddedError)) throw error;
  }
  return {
    id: row.id,
    email,
    displayName,
    role: row.role,
    status: row.status,
    twoFactorEnabled: row.totp_enabled_at !== null,
    setupPending: row.password_hash === null,
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
