import type { StaffRole } from '../staff/staff.tables.js';

/** Fictional people on reserved example domains (RFC 2606), so no real mailbox ever gets demo mail. */
export interface DemoCustomer {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly country: string;
  readonly locale: string;
  /** Two of them use an authenticator app, the rest sign in with a password only. */
  readonly twoFactor: boolean;
}

export const demoCustomers: readonly DemoCustomer[] = [
  { email: 'mira.okafor@example.com', firstName: 'Mira', lastName: 'Okafor', country: 'DE', locale: 'en', twoFactor: true },
  { email: 'jonas.berg@example.net', firstName: 'Jonas', lastName: 'Berg', country: 'SE', locale: 'en', twoFactor: false },
  { email: 'lucia.fernandez@example.org', firstName: 'Lucía', lastName: 'Fernández', country: 'ES', locale: 'en', twoFactor: false },
  { email: 'tomasz.nowak@example.com', firstName: 'Tomasz', lastName: 'Nowak', country: 'PL', locale: 'en', twoFactor: true },
  { email: 'amelie.laurent@example.net', firstName: 'Amélie', lastName: 'Laurent', country: 'FR', locale: 'en', twoFactor: false },
];

export interface DemoStaffMember {
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
}

/** One member per role, so every console permission can be tried. */
export const demoStaff: readonly DemoStaffMember[] = [
  { email: 'owner@staff.example.com', displayName: 'Olivia Owner', role: 'owner' },
  { email: 'privacy@staff.example.com', displayName: 'Priya Privacy', role: 'privacy_officer' },
  { email: 'support@staff.example.com', displayName: 'Sam Support', role: 'support' },
  { email: 'billing@staff.example.com', displayName: 'Bea Billing', role: 'billing' },
  { email: 'auditor@staff.example.com', displayName: 'Aaron Auditor', role: 'auditor' },
];
