import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { passwordPolicy } from '../auth/passwords.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import type { SafeHtml } from '../http/html.js';
import { t, type NavItem } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { isKnownCountry } from './minimum-age.js';
import type { AccountArea } from '../trusted-users/account-areas.js';

export const emailSchema = z.string().trim().max(254).pipe(z.email());
export const passwordSchema = z.string().min(passwordPolicy.minLength).max(passwordPolicy.maxLength);
/** Only presence is checked: an old password may predate today's length rule. */
export const currentPasswordSchema = z.string().min(1).max(passwordPolicy.maxLength);
export const nameSchema = z.string().trim().min(1).max(100);
export const countrySchema = z.string().trim().toUpperCase().refine(isKnownCountry, 'must be an ISO 3166-1 alpha-2 country code');
/** A form's country select: empty means not given. */
export const formCountrySchema = z.string().trim().toUpperCase().refine((v) => v === '' || isKnownCountry(v), 'must be an ISO 3166-1 alpha-2 country code').optional();
export const tokenSchema = z.string().min(1).max(200);

/**
 * A redirect target after sign-in: a path on this site only. "//host" and "/\host" are
 * protocol-relative in browsers, so they are refused; so are control characters.
 */
export const safeNextSchema = z.string().max(500).regex(/^\/(?![/\\])[^\s\\]*$/);

export function safeNext(value: unknown): string | undefined {
  const parsed = safeNextSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const fieldMessages: Record<string, MessageKey> = {
  email: 'accounts.invalid.email',
  firstName: 'accounts.invalid.firstName',
  lastName: 'accounts.invalid.lastName',
  password: 'accounts.invalid.password',
  newPassword: 'accounts.invalid.password',
  passwordConfirm: 'accounts.invalid.passwordConfirm',
  newPasswordConfirm: 'accounts.invalid.passwordConfirm',
  currentPassword: 'accounts.invalid.currentPassword',
  country: 'accounts.invalid.country',
  minimumAgeConfirmed: 'accounts.invalid.minimumAge',
  token: 'accounts.invalid.token',
};

/** zod speaks English to developers; people get the catalogue's message for the field. */
export function localiseFieldErrors(tr: Translate, errors: readonly FieldError[], params: Record<string, string | number> = {}): FieldError[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (seen.has(error.field)) return [];
    seen.add(error.field);
    const key = fieldMessages[error.field];
    return [{ field: error.field, message: key ? tr(key, params) : error.message }];
  });
}

/** Errors a form shows next to itself rather than on an error page. */
const formErrorCodes = new Set(['VALIDATION_FAILED', 'MINIMUM_AGE_NOT_MET', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'TOKEN_INVALID']);

/** Runs a form's use case; expected failures re-render the form with their status and errors. */
export async function submitForm(reply: FastifyReply, work: () => Promise<unknown>, rerender: (errors: FieldError[], formError: string | undefined) => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || !formErrorCodes.has(error.code)) throw error;
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    reply.status(error.status);
    return rerender([...error.fieldErrors], error.fieldErrors.length > 0 ? undefined : error.message);
  }
}

export function sendPage(reply: FastifyReply, page: SafeHtml): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page.value);
}

export function stringField(submitted: Record<string, unknown>, name: string): string {
  const value = submitted[name];
  return typeof value === 'string' ? value.slice(0, 300) : '';
}

/** The account area's navigation; other capabilities' account pages use it too. */
const areaPages: ReadonlyArray<{ href: string; key: MessageKey; area: AccountArea }> = [
  { href: '/account/profile', key: 'accounts.nav.profile', area: 'profile' },
  { href: '/account/services', key: 'accounts.nav.services', area: 'services' },
  { href: '/account/domains', key: 'accounts.nav.domains', area: 'domains' },
  { href: '/account/billing', key: 'accounts.nav.billing', area: 'billing' },
  { href: '/account/support', key: 'accounts.nav.support', area: 'support' },
];

/**
 * The account navigation. A trusted user acting for another account sees only the areas granted
 * to them there, and the way back to their own account.
 */
export function accountNav(request: FastifyRequest): NavItem[] {
  const tr = t(request);
  const acting = request.account?.acting;
  const areas = areaPages.filter((page) => !acting || acting.areas.includes(page.area)).map((page) => ({ href: page.href, label: tr(page.key) }));
  if (acting) return [...areas, { href: '/account/acting', label: tr('accounts.nav.ownAccount') }];
  return [
    { href: '/account', label: tr('accounts.nav.overview') },
    ...areas,
    { href: '/account/messages', label: tr('messages.nav') },
    { href: '/account/trusted-users', label: tr('accounts.nav.trustedUsers') },
    { href: '/account/security/password', label: tr('accounts.nav.security') },
    { href: '/account/sessions', label: tr('accounts.nav.sessions') },
    { href: '/account/sign-ins', label: tr('accounts.nav.signIns') },
    { href: '/account/privacy', label: tr('privacyChoices.nav.privacy') },
  ];
}
