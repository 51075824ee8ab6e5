import { randomUUID } from 'node:crypto';
import { systemContext } from '../context/request-context.js';
import type { HttpClient } from '../../test/http-client.js';
import type { TestApp } from '../../test/test-app.js';
import { createStaffMember } from './create-staff-member.js';
import type { StaffRole } from './staff.tables.js';

export interface TestStaff {
  readonly staffId: string;
  readonly subjectId: string;
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

/** A staff member with a password, created the way the CLI does it. */
export async function createTestStaff(t: TestApp, role: StaffRole, displayName = `Test ${role}`): Promise<TestStaff> {
  const email = `${role}-${randomUUID().slice(0, 8)}@staff.test`;
  const password = `staff password ${randomUUID().slice(0, 8)}`;
  const created = await createStaffMember(t.app.deps, systemContext('dpv:HumanResourceManagement'), { email, displayName, role, password });
  return { staffId: created.staffId, subjectId: created.subjectId, email, password, displayName };
}

/** Signs in through the staff API; throws unless it succeeds, so callers can rely on the cookie. */
export async function signInStaffApi(client: HttpClient, member: Pick<TestStaff, 'email' | 'password'>): Promise<{ staffId: string; secondFactorPending: boolean; mustEnrolSecondFactor: boolean }> {
  const response = await client.api('POST', '/api/v1/staff/session', { email: member.email, password: member.password });
  if (response.status !== 200) throw new Error(`Staff sign-in answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { staffId: string; secondFactorPending: boolean; mustEnrolSecondFactor: boolean };
}

/** Signs in with the console form; the response is the redirect or the re-rendered form. */
export async function signInStaffPage(client: HttpClient, member: Pick<TestStaff, 'email' | 'password'>, next?: string): Promise<Response> {
  return client.postForm('/console/sign-in', { email: member.email, password: member.password, ...(next === undefined ? {} : { next }) });
}
