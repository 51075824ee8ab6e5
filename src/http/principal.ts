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

declare module 'fastify' {
  interface FastifyRequest {
    account: AccountPrincipal | null;
    staff: StaffPrincipal | null;
    csrfSeed?: string;
    /** Which principal the matched route authorised; decides the audit actor. */
    authorisedAs: 'public' | 'account' | 'staff';
    locale: string;
  }
}
