import type { AccountsTable } from '../accounts/accounts.tables.js';
import type { AuditEventsTable } from '../audit/audit.tables.js';
import type { AuthTokensTable, RecoveryCodesTable, SessionsTable, SignInEventsTable } from '../auth/auth.tables.js';
import type { SubjectKeysTable } from '../crypto/subject-keys.tables.js';
import type { OutboxEmailsTable } from '../email/email.tables.js';
import type { JobsTable } from '../jobs/jobs.tables.js';
import type { RegisterDraftsTable } from '../register/register.tables.js';
import type { RateLimitsTable } from '../rate-limit/rate-limit.tables.js';
import type { SettingsTable } from '../settings/settings.tables.js';
import type { StaffMembersTable } from '../staff/staff.tables.js';
import type { SubjectsTable } from '../subjects/subjects.tables.js';
import type { KyselyMigrationLockTable, KyselyMigrationTable } from './migration.tables.js';

/** The Kysely view of the schema; each table's type sits beside its data-map declaration. */
export interface Database {
  subjects: SubjectsTable;
  subject_keys: SubjectKeysTable;
  accounts: AccountsTable;
  staff_members: StaffMembersTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_events: SignInEventsTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  outbox_emails: OutboxEmailsTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  register_drafts: RegisterDraftsTable;
  kysely_migration: KyselyMigrationTable;
  kysely_migration_lock: KyselyMigrationLockTable;
}
