import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '../http/html.js';
import { renderPage, t, type NavItem } from '../http/layout.js';
import { csrfToken, type ServerKit } from '../http/server-kit.js';
import type { Translate } from '../i18n/i18n.js';
import { roleHas, type Permission } from './permissions.js';
import type { StaffRole } from './staff.tables.js';

const consolePages: ReadonlyArray<{ href: string; key: Parameters<Translate>[0]; permission: Permission }> = [
  { href: '/console', key: 'console.nav.home', permission: 'console.view' },
  { href: '/console/customers', key: 'console.nav.customers', permission: 'customers.contact.read' },
  { href: '/console/services', key: 'console.nav.services', permission: 'services.read' },
  { href: '/console/domains', key: 'console.nav.domains', permission: 'domains.read' },
  { href: '/console/invoices', key: 'console.nav.invoices', permission: 'billing.read' },
  { href: '/console/payments', key: 'console.nav.payments', permission: 'billing.read' },
  { href: '/console/tickets', key: 'console.nav.tickets', permission: 'support.read' },
  { href: '/console/announcements', key: 'console.nav.announcements', permission: 'community.manage' },
  { href: '/console/applications', key: 'console.nav.applications', permission: 'careers.manage' },
  { href: '/console/audit', key: 'console.nav.audit', permission: 'audit.read' },
  { href: '/console/staff', key: 'console.nav.staff', permission: 'staff.manage' },
  { href: '/console/settings', key: 'console.nav.settings', permission: 'settings.manage' },
  { href: '/console/api-clients', key: 'apiClients.title', permission: 'api_clients.manage' },
  { href: '/console/privacy/register', key: 'console.nav.privacyRegister', permission: 'audit.read' },
  { href: '/console/privacy/versions', key: 'policy.console.nav', permission: 'privacy.manage' },
  { href: '/console/security/two-factor', key: 'console.nav.security', permission: 'console.view' },
];

/** The console navigation for the signed-in member: only the pages their role may open. */
export function consoleNav(request: FastifyRequest): NavItem[] {
  const staff = request.staff;
  if (!staff) return [];
  const tr = t(request);
  return consolePages.filter((page) => roleHas(staff.role, page.permission)).map((page) => ({ href: page.href, label: tr(page.key) }));
}

export function roleLabel(tr: Translate, role: StaffRole): string {
  return tr(`staff.role.${role}`);
}

/** Sends a console page with the member's navigation and the sign-out form. */
export function sendConsolePage(kit: ServerKit, request: FastifyRequest, reply: FastifyReply, page: { title: string; main: (csrf: string) => SafeHtml }): FastifyReply {
  const token = csrfToken(kit, request, reply);
  const body = renderPage({ request, title: page.title, area: 'staff', main: page.main(token), csrfToken: token, nav: consoleNav(request) });
  return reply.type('text/html; charset=utf-8').send(body.value);
}
