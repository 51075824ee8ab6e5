import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { HttpClient } from '../../test/http-client.js';
import type { TestApp } from '../../test/test-app.js';
import { encryptedAccountFields } from '../accounts/account-fields.js';
import { hashPassword } from '../auth/passwords.js';
import { createJobRunner } from '../jobs/start-worker.js';
import type { Register } from '../register/register.schema.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import type { StaffRole } from '../staff/staff.tables.js';
import { policyVersionJobHandlers } from './notify-policy-change.js';

export async function staffClient(t: TestApp, role: StaffRole): Promise<HttpClient> {
  const client = t.client();
  await signInStaffApi(client, await createTestStaff(t, role));
  return client;
}

export const today = () => new Date().toISOString().slice(0, 10);

/** Changes the register in force through its API (GET, edit, PUT); the edit must keep it valid. */
export async function editRegister(officer: HttpClient, edit: (register: Register) => Register): Promise<void> {
  const register = (await (await officer.api('GET', '/api/v1/register')).json()) as Register;
  const put = await officer.api('PUT', '/api/v1/register', edit(register));
  expect(put.status, await put.clone().text()).toBe(200);
}

export const withProcessor = (name: string) => (register: Register): Register => ({
  ...register,
  recipients: [...register.recipients, { name, kind: 'processor', function: 'Sends our service emails', country: 'DE', dataCategories: ['pd:EmailAddress'], dpaReference: `DPA-${name.length}` }],
});

export async function publish(officer: HttpClient, body: { effectiveDate?: string; requiresAcceptance?: boolean } = {}): Promise<{ version: number; changed: string[]; notifyStatus: string; notifyTotal: number; noticeTextHash: string }> {
  const response = await officer.api('POST', '/api/v1/policy-versions', { effectiveDate: today(), requiresAcceptance: false, ...body });
  expect(response.status, await response.clone().text()).toBe(202);
  return response.json() as never;
}

/**
 * Inserts `count` verified, active customer accounts fast: subjects and accounts by bulk SQL, a data
 * key per subject through the Keyring, emails and names sealed with it, one precomputed password hash.
 */
export async function insertBulkAccounts(t: TestApp, count: number): Promise<void> {
  const { db, keyring } = t.app.deps;
  const passwordHash = await hashPassword('bulk customer password');
  const now = new Date();
  const chunk = 500;
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += chunk) {
      const ids = Array.from({ length: Math.min(chunk, count - start) }, () => randomUUID());
      await trx.insertInto('subjects').values(ids.map((id) => ({ id, kind: 'customer' as const }))).execute();
      const rows = [];
      for (const [i, subjectId] of ids.entries()) {
        const cipher = await keyring.createSubjectKey(trx, subjectId);
        const email = `bulk-${start + i}-${subjectId.slice(0, 8)}@example.test`;
        rows.push({
          subject_id: subjectId, email_lookup: keyring.emailLookup(email), email_enc: cipher.encrypt(email, encryptedAccountFields.email),
          first_name_enc: cipher.encrypt(`Customer ${start + i}`, encryptedAccountFields.firstName), last_name_enc: cipher.encrypt('Bulk', encryptedAccountFields.lastName),
          password_hash: passwordHash, minimum_age_confirmed_at: now, email_verified_at: now,
        });
      }
      await trx.insertInto('accounts').values(rows).execute();
    }
  });
}

/** Runs the real job runner with this capability's handlers until the queue is empty; `between` runs beside every pass. */
export async function runJobsUntilIdle(t: TestApp, between: () => Promise<void> = async () => {}): Promise<number> {
  const runner = createJobRunner({ db: t.app.deps.db, logger: t.app.deps.logger, now: () => new Date() }, policyVersionJobHandlers(t.app.deps), { batchSize: 1 });
  let passes = 0;
  for (;;) {
    const [ran] = await Promise.all([runner.runOnce(), between()]);
    if (ran === 0) return passes;
    passes++;
  }
}
