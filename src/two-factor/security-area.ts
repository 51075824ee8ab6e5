import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { PrincipalKind } from '../auth/auth.tables.js';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { t, type NavItem } from '../http/layout.js';
import type { RouteAuth } from '../http/route.js';
import { accountNav } from '../accounts/account-forms.js';
import { consoleNav } from '../staff/console-page.js';
import type { MessageKey } from '../i18n/messages.en.js';

/** The same security pages serve customers (/account...) and staff (/console/security...). */
export interface SecurityArea {
  readonly kind: PrincipalKind;
  readonly layout: 'account' | 'staff';
  /** Two-factor pages: staff forced to enrol must reach them before anything else. */
  readonly twoFactorAuth: RouteAuth;
  readonly sessionAuth: RouteAuth;
  readonly secondFactorAuth: RouteAuth;
  readonly paths: { readonly twoFactor: string; readonly sessions: string; readonly signIns: string; readonly secondFactor: string; readonly home: string };
}

export const securityAreas: Record<PrincipalKind, SecurityArea> = {
  account: {
    kind: 'account',
    layout: 'account',
    twoFactorAuth: { kind: 'account' },
    sessionAuth: { kind: 'account' },
    secondFactorAuth: { kind: 'account', allowPendingSecondFactor: true, allowUnverifiedEmail: true },
    paths: { twoFactor: '/account/security/two-factor', sessions: '/account/sessions', signIns: '/account/sign-ins', secondFactor: '/sign-in/second-factor', home: '/account' },
  },
  staff: {
    kind: 'staff',
    layout: 'staff',
    twoFactorAuth: { kind: 'staff', permission: 'console.view', allowPendingSecondFactor: true },
    sessionAuth: { kind: 'staff', permission: 'console.view' },
    secondFactorAuth: { kind: 'staff', permission: 'console.view', allowPendingSecondFactor: true },
    paths: { twoFactor: '/console/security/two-factor', sessions: '/console/security/sessions', signIns: '/console/security/sign-ins', secondFactor: '/console/sign-in/second-factor', home: '/console' },
  },
};

/** The area's own navigation (account or console), so these pages sit in it like any other. */
export function securityNav(request: FastifyRequest, area: SecurityArea): NavItem[] {
  return area.kind === 'staff' ? consoleNav(request) : accountNav(request);
}

/** Links between the security pages; the console navigation shows only the first of them. */
export function securityLinks(request: FastifyRequest, area: SecurityArea): SafeHtml {
  const tr = t(request);
  const current = request.url.split('?')[0];
  const links = [
    { href: area.paths.twoFactor, label: tr('twoFactor.nav.twoFactor') },
    { href: area.paths.sessions, label: tr('nav.sessions') },
    { href: area.paths.signIns, label: tr('twoFactor.nav.signIns') },
  ];
  return html`<nav aria-label="${tr('nav.security')}" class="sub-nav"><ul>${links.map((l) => html`<li><a href="${l.href}"${l.href === current ? html` aria-current="page"` : ''}>${l.label}</a></li>`)}</ul></nav>`;
}

/** Field errors in the reader's language: each known field has its own catalogue message. */
const fieldMessages: Record<string, MessageKey> = {
  code: 'twoFactor.error.code',
  password: 'twoFactor.error.password',
};

export function localiseErrors(request: FastifyRequest, errors: readonly FieldError[]): FieldError[] {
  const tr = t(request);
  return errors.map((e) => ({ field: e.field, message: fieldMessages[e.field] ? tr(fieldMessages[e.field]!) : tr('twoFactor.error.generic') }));
}

export function formatTime(date: Date): SafeHtml {
  const iso = date.toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/** The otpauth URI as an SVG QR code in a data URI (CSP allows data: images, not inline SVG styles). */
export async function qrCodeDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

export function sendHtml(reply: FastifyReply, page: SafeHtml) {
  return reply.type('text/html; charset=utf-8').send(page.value);
}
