import type { ApiScope } from '../api-clients/api-clients.tables.js';
import type { StaffRole } from '../staff/staff.tables.js';
import type { AccountArea } from '../trusted-users/account-areas.js';

/** The account a trusted user currently acts for, and the areas its owner granted them. */
export interface ActingFor {
  readonly accountId: string;
  readonly subjectId: string;
  readonly grantId: string;
  readonly areas: readonly AccountArea[];
}

export interface AccountPrincipal {
  readonly kind: 'account';
  readonly accountId: string;
  readonly subjectId: string;
  readonly sessionId: string;
  readonly secondFactorVerified: boolean;
  readonly emailVerified: boolean;
  readonly locale: string;
  /**
   * Set while this person acts for another account as a trusted user. accountId and subjectId
   * above stay the person's own; routes with an `area` work on `accountInScope()` instead.
   */
  readonly acting: ActingFor | null;
}

/** The account a route with an `area` works on: the one acted for, else the person's own. */
export function accountInScope(account: AccountPrincipal): { readonly accountId: string; readonly subjectId: string } {
  return account.acting ? { accountId: account.acting.accountId, subjectId: account.acting.subjectId } : { accountId: account.accountId, subjectId: account.subjectId };
}

export interface StaffPrincipal {
  readonly kind: 'staff';
  readonly staffId: string;
  readonly subjectId: string;
  readonly sessionId: string;
  readonly role: StaffRole;
  readonly secondFactorVerified: boolean;
  /** The owner requires two-factor for staff and this member has not enrolled yet. */
  readonly mustEnrolSecondFactor: boolean;
}

/** Another system of the provider, authenticated by `Authorization: Bearer ck_...`; never by a cookie. */
export interface ApiClientPrincipal {
  readonly kind: 'api_client';
  readonly clientId: string;
  readonly scopes: readonly ApiScope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    account: AccountPrincipal | null;
    staff: StaffPrincipal | null;
    /** Set only on requests with a valid bearer key; such requests have no account or staff. */
    apiClient: ApiClientPrincipal | null;
    csrfSeed?: string;
    /** The matched route works on an area of the account a trusted user acts for (audit: on behalf of it). */
    actingInScope: boolean;
    /** Which principal the matched route authorised; decides the audit actor. */
    authorisedAs: 'public' | 'account' | 'staff' | 'api_client';
    locale: string;
  }
}
