import type { AccountsTable } from '../accounts/accounts.tables.js';
import type { AccountMessagesTable } from '../account-messages/account-messages.tables.js';
import type { PolicyAcceptancesTable, PolicyChangeNoticesTable, PolicyVersionsTable } from '../policy-versions/policy-versions.tables.js';
import type { ApiClientsTable } from '../api-clients/api-clients.tables.js';
import type { AuditEventsTable } from '../audit/audit.tables.js';
import type { AuthTokensTable, RecoveryCodesTable, SessionsTable, SignInEventsTable } from '../auth/auth.tables.js';
import type { ConsentRecordsTable } from '../consent/consent.tables.js';
import type { WebhookSubscriptionsTable } from '../consent-decisions/webhooks.tables.js';
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
  consent_records: ConsentRecordsTable;
  api_clients: ApiClientsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  account_messages: AccountMessagesTable;
  policy_versions: PolicyVersionsTable;
  policy_change_notices: PolicyChangeNoticesTable;
  policy_acceptances: PolicyAcceptancesTable;
  kysely_migration: KyselyMigrationTable;
  kysely_migration_lock: KyselyMigrationLockTable;
}
