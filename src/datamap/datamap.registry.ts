import { accountsTable } from '../accounts/accounts.tables.js';
import { accountMessagesTable } from '../account-messages/account-messages.tables.js';
import { policyAcceptancesTable, policyChangeNoticesTable, policyVersionsTable } from '../policy-versions/policy-versions.tables.js';
import { apiClientsTable } from '../api-clients/api-clients.tables.js';
import { auditEventsTable } from '../audit/audit.tables.js';
import { authTokensTable, recoveryCodesTable, sessionsTable, signInEventsTable } from '../auth/auth.tables.js';
import { consentRecordsTable } from '../consent/consent.tables.js';
import { webhookSubscriptionsTable } from '../consent-decisions/webhooks.tables.js';
import { subjectKeysTable } from '../crypto/subject-keys.tables.js';
import { kyselyMigrationLockTable, kyselyMigrationTable } from '../db/migration.tables.js';
import { outboxEmailsTable } from '../email/email.tables.js';
import { jobsTable } from '../jobs/jobs.tables.js';
import { registerDraftsTable } from '../register/register.tables.js';
import { rateLimitsTable } from '../rate-limit/rate-limit.tables.js';
import { settingsTable } from '../settings/settings.tables.js';
import { staffMembersTable } from '../staff/staff.tables.js';
import { subjectsTable } from '../subjects/subjects.tables.js';
import { trustedUsersTables } from '../trusted-users/trusted-users.tables.js';
import { profileTables } from '../profile/profile.tables.js';
import { billingTables } from '../billing/billing.tables.js';
import { servicesTables } from '../services/services.tables.js';
import { domainsTables } from '../domains/domains.tables.js';
import { supportTables } from '../support/support.tables.js';
import { communityTables } from '../community/community.tables.js';
import { careersTables } from '../careers/careers.tables.js';
import { customerRecordsTables } from '../customer-records/customer-records.tables.js';
import type { TableDeclaration } from './datamap.types.js';

/**
 * Every table's declaration. The notice, the record of processing, exports, erasure and retention
 * read this; datamap.test.ts proves it matches the live schema column for column.
 */
export const dataMap: readonly TableDeclaration[] = [
  subjectsTable,
  subjectKeysTable,
  accountsTable,
  staffMembersTable,
  sessionsTable,
  authTokensTable,
  recoveryCodesTable,
  signInEventsTable,
  auditEventsTable,
  jobsTable,
  outboxEmailsTable,
  rateLimitsTable,
  settingsTable,
  registerDraftsTable,
  consentRecordsTable,
  apiClientsTable,
  webhookSubscriptionsTable,
  accountMessagesTable,
  policyVersionsTable,
  policyChangeNoticesTable,
  policyAcceptancesTable,
  ...trustedUsersTables,
  ...profileTables,
  ...billingTables,
  ...servicesTables,
  ...domainsTables,
  ...supportTables,
  ...communityTables,
  ...careersTables,
  ...customerRecordsTables,
  kyselyMigrationTable,
  kyselyMigrationLockTable,
];

export function declarationFor(table: string): TableDeclaration | undefined {
  return dataMap.find((d) => d.table === table);
}
