import type { StaffRole } from './staff.tables.js';

export const permissions = [
  'console.view',
  'staff.manage',
  'settings.manage',
  'audit.read',
  'customers.read',
  'customers.contact.read',
  'billing.read',
  'billing.manage',
  'support.manage',
  'privacy.manage',
  'api_clients.manage',
  'services.read',
  'services.manage',
  'domains.read',
  'domains.documents.review',
  'support.read',
  'community.manage',
  'careers.manage',
  'abuse.manage',
] as const;
export type Permission = (typeof permissions)[number];

/** Least privilege: each role gets what its work needs; the auditor reads and changes nothing. */
export const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  owner: permissions,
  // The privacy officer may read all personal data (to answer requests and audit), not run the business.
  privacy_officer: ['console.view', 'audit.read', 'customers.read', 'customers.contact.read', 'privacy.manage', 'services.read', 'domains.read', 'domains.documents.review', 'billing.read', 'support.read', 'careers.manage'],
  support: ['console.view', 'customers.contact.read', 'support.read', 'support.manage', 'community.manage', 'abuse.manage'],
  billing: ['console.view', 'billing.read', 'billing.manage'],
  auditor: ['console.view', 'audit.read'],
};

export function roleHas(role: StaffRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
