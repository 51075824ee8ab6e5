import { randomUUID } from 'node:crypto';
import type { HttpClient } from './http-client.js';
import { findLink, pathOf, readOutbox } from './outbox-helpers.js';
import type { TestApp } from './test-app.js';

export interface SignUpOverrides {
  readonly email?: string;
  readonly password?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** ISO 3166-1 alpha-2; empty by default. */
  readonly country?: string;
}

export interface SignedUpAccount {
  readonly email: string;
  readonly password: string;
  readonly accountId: string;
  readonly subjectId: string;
}

export function uniqueEmail(prefix = 'customer'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.test`;
}

/**
 * Signs up over HTTP with the sign-up form and follows the emailed verification link. The client
 * stays signed in to the new, verified account.
 */
export async function signUpVerified(t: TestApp, client: HttpClient, overrides: SignUpOverrides = {}): Promise<SignedUpAccount> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? `correct horse ${randomUUID().slice(0, 8)}`;
  const response = await client.postForm('/sign-up', {
    email,
    firstName: overrides.firstName ?? 'Ada',
    lastName: overrides.lastName ?? 'Lovelace',
    password,
    country: overrides.country ?? '',
    minimumAgeConfirmed: 'yes',
  });
  if (response.status !== 303) throw new Error(`Sign-up answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  const account = await t.app.deps.db
    .selectFrom('accounts')
    .select(['id', 'subject_id'])
    .where('email_lookup', '=', t.app.deps.keyring.emailLookup(email))
    .executeTakeFirstOrThrow();
  const verification = (await readOutbox(t, account.subject_id)).filter((m) => m.template === 'account.verify_email').at(-1);
  if (!verification) throw new Error('No verification email was queued');
  const verified = await client.get(pathOf(findLink(verification, '/verify-email')));
  if (verified.status !== 200) throw new Error(`Verification answered ${verified.status}`);
  return { email, password, accountId: account.id, subjectId: account.subject_id };
}

/** Signs in with the sign-in form; the response is the redirect (303) or the re-rendered form. */
export async function signIn(client: HttpClient, email: string, password: string): Promise<Response> {
  return client.postForm('/sign-in', { email, password });
}
