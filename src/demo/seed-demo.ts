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
export async function seedDemo(deps: AppDeps): Promise<DemoSeedResult> {
  const marker = await readSetting<{ seededAt: string }>(deps.db, demoSeededSetting);
  if (marker) return { seeded: false, seededAt: marker.seededAt, customers: [], staff: [] };

  const customers: DemoCredential[] = [];
  for (const person of demoCustomers) customers.push(await seedCustomer(deps, person));
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
  await inTransaction(deps.db, demoContext(), async (ctx) => {
    await writeSetting(ctx.trx, demoSeededSetting, { seededAt });
    await recordAuditEvent(ctx, { action: 'demo.seeded', subjectId: null, details: { customers: customers.length, staff: staff.length } });
  });
  return { seeded: true, seededAt, customers, staff };
}

async function seedCustomer(deps: AppDeps, person: DemoCustomer): Promise<DemoCredential> {
  const name = `${person.firstName} ${person.lastName}`;
  if (await findAccountByEmailLookup(deps.db, deps.keyring.emailLookup(person.email))) {
    return { email: person.email, name, password: null, totpSecret: null };
  }
  const password = demoPassword();
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
  const signedIn = await signInAccount(deps, demoContext(), { email: person.email, password, userAgentFamily: 'demo' });
  // The demo follows the emailed link itself: a fresh verification token, consumed by the real use case.
  const token = await inTransaction(deps.db, demoContext(), (ctx) =>
    issueOneTimeToken(ctx.trx, { kind: 'account', id: signedIn.principalId }, 'verify_email', addDuration(deps.now(), 'PT1H')),
  );
  await verifyEmail(deps, demoContext(), token);
  if (!person.twoFactor) return { email: person.email, name, password, totpSecret: null };

  const who = { kind: 'account' as const, id: signedIn.principalId, subjectId: signedIn.subjectId, sessionId: signedIn.sessionId, secondFactorVerified: true, locale: person.locale };
  const enrolment = await startTwoFactor(deps, demoContext(), who);
  await confirmTwoFactor(deps, demoContext(), who, totpCode(enrolment.secret, totpStep(deps.now())));
  return { email: person.email, name, password, totpSecret: enrolment.secret };
}
