import { randomBytes } from 'node:crypto';
import { issueOneTimeToken } from '../auth/one-time-tokens.js';
import { totpCode, totpStep } from '../auth/totp.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { addDuration } from '../config/duration.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { findAccountByEmailLookup } from '../accounts/accounts.store.js';
import { signInAccount } from '../accounts/sign-in.js';
import { signUp } from '../accounts/sign-up.js';
import { verifyEmail } from '../accounts/verify-email.js';
import { isAppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { readSetting, writeSetting } from '../settings/settings.store.js';
import { createStaffMember } from '../staff/create-staff-member.js';
import { confirmTwoFactor } from '../two-factor/confirm-two-factor.js';
import { startTwoFactor } from '../two-factor/start-two-factor.js';
import { demoCustomers, demoStaff, type DemoCustomer } from './demo-people.js';
import { seedCustomerBusiness, seedSharedBusiness, type DemoAccount } from './demo-business.js';
import { generatedDemoCustomers } from './generated-customers.js';
import { seededRandom } from './seeded-random.js';

/** "A few hundred" customers by default; tests ask for fewer. */
export const defaultDemoCustomerCount = 200;

export interface SeedDemoOptions {
  /** Customers in all, the five named ones included. */
  readonly customers?: number;
}

/** Marks a seeded instance; holds only the time, never personal data. */
export const demoSeededSetting = 'demo.seeded';

export interface DemoCredential {
  readonly email: string;
  readonly name: string;
  readonly role?: string;
  /** Null when the person already existed: passwords are shown once, when they are made. */
  readonly password: string | null;
  /** Base32 authenticator secret of customers with two-factor on. */
  readonly totpSecret: string | null;
}

export interface DemoSeedResult {
  /** False when an earlier start already seeded this database. */
  readonly seeded: boolean;
  readonly seededAt: string;
  readonly customers: readonly DemoCredential[];
  readonly staff: readonly DemoCredential[];
  /** The generated customers beyond the named ones, who share one password printed once. */
  readonly generated: { readonly count: number; readonly password: string | null; readonly emailPattern: string };
}

const demoContext = () => ({ ...systemContext('dpv:ServiceProvision'), requestId: 'demo-seed' });

/** A readable random password; demo only, printed to the console once. */
function demoPassword(): string {
  return `demo-${randomBytes(12).toString('base64url')}`;
}

/**
 * Fills a fresh instance with demo customers and staff through the same use cases a person would
 * trigger (sign-up, email verification, two-factor enrolment, staff creation). Idempotent: people
 * who exist are skipped, and a seeded instance is reported as such.
 */
export async function seedDemo(deps: AppDeps, options: SeedDemoOptions = {}): Promise<DemoSeedResult> {
  const marker = await readSetting<{ seededAt: string }>(deps.db, demoSeededSetting);
  if (marker) return { seeded: false, seededAt: marker.seededAt, customers: [], staff: [], generated: { count: 0, password: null, emailPattern: '' } };

  const random = seededRandom(20261122);
  const customers: DemoCredential[] = [];
  const named: DemoAccount[] = [];
  for (const person of demoCustomers) {
    const { credential, account } = await seedCustomer(deps, person);
    customers.push(credential);
    if (account) named.push(account);
  }
  const sharedPassword = demoPassword();
  const generatedPeople = generatedDemoCustomers(Math.max(0, (options.customers ?? defaultDemoCustomerCount) - demoCustomers.length), random);
  const generated: DemoAccount[] = [];
  for (const person of generatedPeople) {
    const { account } = await seedCustomer(deps, { ...person, twoFactor: false }, sharedPassword);
    if (account) generated.push(account);
  }
  for (const customer of named) await seedCustomerBusiness(deps, customer, random, true);
  for (const customer of generated) await seedCustomerBusiness(deps, customer, random, false);
  const staff: DemoCredential[] = [];
  for (const member of demoStaff) {
    const password = demoPassword();
    try {
      await createStaffMember(deps, demoContext(), { email: member.email, displayName: member.displayName, role: member.role, password });
      staff.push({ email: member.email, name: member.displayName, role: member.role, password, totpSecret: null });
    } catch (error) {
      if (!isAppError(error) || error.code !== 'EMAIL_TAKEN') throw error;
      staff.push({ email: member.email, name: member.displayName, role: member.role, password: null, totpSecret: null });
    }
  }
  const seededAt = deps.now().toISOString();
  await seedSharedBusiness(deps, named, generated, random);
  await inTransaction(deps.db, demoContext(), async (ctx) => {
    await writeSetting(ctx.trx, demoSeededSetting, { seededAt });
    await recordAuditEvent(ctx, { action: 'demo.seeded', subjectId: null, details: { customers: customers.length + generated.length, staff: staff.length } });
  });
  return { seeded: true, seededAt, customers, staff, generated: { count: generated.length, password: generated.length > 0 ? sharedPassword : null, emailPattern: 'firstname.lastname.N@example.com|net|org' } };
}

async function seedCustomer(deps: AppDeps, person: DemoCustomer, givenPassword?: string): Promise<{ credential: DemoCredential; account: DemoAccount | null }> {
  const name = `${person.firstName} ${person.lastName}`;
  if (await findAccountByEmailLookup(deps.db, deps.keyring.emailLookup(person.email))) {
    return { credential: { email: person.email, name, password: null, totpSecret: null }, account: null };
  }
  const password = givenPassword ?? demoPassword();
  await signUp(deps, demoContext(), {
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    password,
    country: person.country,
    minimumAgeConfirmed: true,
    locale: person.locale,
    userAgentFamily: 'demo',
  });
  // Found by its blind index rather than by signing in: one argon2 check less per customer.
  const created = await findAccountByEmailLookup(deps.db, deps.keyring.emailLookup(person.email));
  if (!created) throw new Error('the demo sign-up did not create an account');
  // The demo follows the emailed link itself: a fresh verification token, consumed by the real use case.
  const token = await inTransaction(deps.db, demoContext(), (ctx) =>
    issueOneTimeToken(ctx.trx, { kind: 'account', id: created.id }, 'verify_email', addDuration(deps.now(), 'PT1H')),
  );
  await verifyEmail(deps, demoContext(), token);
  const account = { accountId: created.id, subjectId: created.subject_id };
  if (!person.twoFactor) return { credential: { email: person.email, name, password, totpSecret: null }, account };

  const signedIn = await signInAccount(deps, demoContext(), { email: person.email, password, userAgentFamily: 'demo' });
  const who = { kind: 'account' as const, id: signedIn.principalId, subjectId: signedIn.subjectId, sessionId: signedIn.sessionId, secondFactorVerified: true, locale: person.locale };
  const enrolment = await startTwoFactor(deps, demoContext(), who);
  await confirmTwoFactor(deps, demoContext(), who, totpCode(enrolment.secret, totpStep(deps.now())));
  return { credential: { email: person.email, name, password, totpSecret: enrolment.secret }, account };
}
