import type { ApiScope } from '../api-clients/api-clients.tables.js';
import type { StaffRole } from '../staff/staff.tables.js';

export interface AccountPrincipal {
  readonly kind: 'account';
  readonly accountId: string;
  readonly subjectId: string;
  readonly sessionId: string;
  readonly secondFactorVerified: boolean;
  readonly emailVerified: boolean;
  readonly locale: string;
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
    /** Which principal the matched route authorised; decides the audit actor. */
    authorisedAs: 'public' | 'account' | 'staff' | 'api_client';
    locale: string;
  }
}
