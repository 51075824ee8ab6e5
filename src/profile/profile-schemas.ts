import { z } from 'zod';
import { emailSchema, nameSchema } from '../accounts/account-forms.js';
import { isAssignedCountry } from './profile-form-parts.js';
import { supportedLocales } from '../i18n/i18n.js';
import type { FieldError } from '../errors/app-error.js';
import { checkProfileValues } from './check-profile-values.js';
import type { ProfileValues } from './profile-fields.js';
import { contactRoles } from './profile.tables.js';
import { normalisePhone, normaliseVatId } from './profile-validation.js';

/** Free text, trimmed; empty means "not given" (null). */
const optionalText = (max: number) => z.string().trim().max(max).transform((v) => (v === '' ? null : v));

/** A phone number stored in E.164 form; empty clears it. */
export const phoneValue = z.string().trim().max(40).transform((value, ctx) => {
  if (value === '') return null;
  const phone = normalisePhone(value);
  if (phone === null) ctx.addIssue({ code: 'custom', message: 'must be an international number: + and the country code, then digits (e.g. +49 30 1234567)' });
  return phone;
});

/** An EU VAT identification number (with its country prefix); empty clears it. */
export const vatIdValue = z.string().trim().max(20).transform((value, ctx) => {
  if (value === '') return null;
  const vatId = normaliseVatId(value);
  if (vatId === null) ctx.addIssue({ code: 'custom', message: 'must be an EU VAT number: country prefix then the national number (e.g. DE123456789)' });
  return vatId;
});

export const countryValue = z.string().trim().toUpperCase().refine((v) => v === '' || isAssignedCountry(v), 'must be an ISO 3166-1 alpha-2 country code').transform((v) => (v === '' ? null : v));
export const localeValue = z.string().refine((v) => supportedLocales.includes(v), `must be one of ${supportedLocales.join(', ')}`);
const postalCodeValue = optionalText(12);
const addressLine = optionalText(200);

/** The profile form: every field is sent; empty optional fields clear the stored value. */
export const profileFormSchema = z.object({
  firstName: nameSchema,
  lastName: nameSchema,
  phone: phoneValue.optional(),
  company: optionalText(200).optional(),
  vatId: vatIdValue.optional(),
  addressLine1: addressLine.optional(),
  addressLine2: addressLine.optional(),
  postalCode: postalCodeValue.optional(),
  city: optionalText(100).optional(),
  region: optionalText(100).optional(),
  addressCountry: countryValue.optional(),
  country: countryValue.optional(),
  locale: localeValue,
});
export type ProfileForm = z.infer<typeof profileFormSchema>;

/** The form's address country is preselected, so alone (without any other part) it is no address. */
export function valuesFromForm(form: ProfileForm): ProfileValues {
  const addressGiven = [form.addressLine1, form.addressLine2, form.postalCode, form.city, form.region].some((part) => part !== undefined && part !== null);
  return {
    first_name: form.firstName,
    last_name: form.lastName,
    phone: form.phone ?? null,
    company: form.company ?? null,
    vat_id: form.vatId ?? null,
    address_lines: joinLines([form.addressLine1 ?? null, form.addressLine2 ?? null]),
    postal_code: form.postalCode ?? null,
    city: form.city ?? null,
    region: form.region ?? null,
    address_country: addressGiven ? form.addressCountry ?? null : null,
    country: form.country ?? null,
    locale: form.locale,
  };
}

const formFieldOrder = ['firstName', 'lastName', 'phone', 'company', 'vatId', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'region', 'addressCountry', 'country', 'locale'];

/**
 * A form that failed field checks is also checked as a whole (address completeness, postal code
 * by country), so one round shows every problem; errors come in the form's order.
 */
export function allFormErrors(fieldErrors: readonly FieldError[], submitted: Record<string, unknown>): FieldError[] {
  const text = (name: string) => {
    const value = submitted[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const upper = (name: string) => text(name)?.toUpperCase();
  const asForm = {
    firstName: text('firstName') ?? '', lastName: text('lastName') ?? '', locale: text('locale') ?? 'en',
    addressLine1: text('addressLine1'), addressLine2: text('addressLine2'), postalCode: text('postalCode'), city: text('city'), region: text('region'),
    addressCountry: upper('addressCountry'), country: upper('country'),
  };
  const { errors } = checkProfileValues({ ...valuesFromForm(asForm), phone: null, vat_id: null });
  const seen = new Set(fieldErrors.map((e) => e.field));
  const merged = [...fieldErrors, ...errors.filter((e) => !seen.has(e.field))];
  const rank = (field: string) => (formFieldOrder.includes(field) ? formFieldOrder.indexOf(field) : formFieldOrder.length);
  return merged.sort((a, b) => rank(a.field) - rank(b.field));
}

/** PATCH semantics: absent keys stay as they are, null clears. */
export const profilePatchSchema = z.object({
  firstName: nameSchema.optional(),
  lastName: nameSchema.optional(),
  phone: phoneValue.nullable().optional(),
  company: optionalText(200).nullable().optional(),
  vatId: vatIdValue.nullable().optional(),
  addressLines: z.array(z.string().trim().max(200)).max(2).nullable().optional().describe('Street and house number, then an optional second line'),
  postalCode: postalCodeValue.nullable().optional(),
  city: optionalText(100).nullable().optional(),
  region: optionalText(100).nullable().optional(),
  addressCountry: countryValue.nullable().optional(),
  country: countryValue.nullable().optional().describe('Country of residence (ISO 3166-1 alpha-2)'),
  locale: localeValue.optional().describe('Preferred language'),
}).strict();
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export function valuesFromPatch(patch: ProfilePatch): Partial<ProfileValues> {
  const values: Partial<ProfileValues> = {
    first_name: patch.firstName,
    last_name: patch.lastName,
    phone: patch.phone,
    company: patch.company,
    vat_id: patch.vatId,
    address_lines: patch.addressLines === undefined ? undefined : patch.addressLines === null ? null : joinLines(patch.addressLines),
    postal_code: patch.postalCode,
    city: patch.city,
    region: patch.region,
    address_country: patch.addressCountry,
    country: patch.country,
    locale: patch.locale,
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * Lines joined by newlines, trailing empty ones dropped; null when there are none. An empty first
 * line before a given second stays empty, so the missing street is reported rather than guessed.
 */
function joinLines(lines: ReadonlyArray<string | null>): string | null {
  const kept = lines.map((line) => line ?? '');
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.length > 0 ? kept.join('\n') : null;
}

export const contactFormSchema = z.object({
  role: z.enum(contactRoles),
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
  phone: phoneValue.optional(),
});
export type ContactForm = z.infer<typeof contactFormSchema>;

export const contactPatchSchema = z.object({
  role: z.enum(contactRoles).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  email: emailSchema.optional(),
  phone: phoneValue.nullable().optional(),
}).strict();

export const emailChangeFormSchema = z.object({
  newEmail: emailSchema,
  currentPassword: z.string().min(1).max(256),
});

export const profileResponseSchema = z.object({
  email: z.string(),
  emailVerified: z.boolean(),
  pendingEmail: z.object({ email: z.string(), expiresAt: z.iso.datetime() }).nullable(),
  firstName: z.string(),
  lastName: z.string(),
  country: z.string().nullable(),
  locale: z.string(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  vatId: z.string().nullable(),
  addressLines: z.array(z.string()),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  addressCountry: z.string().nullable(),
});

export const contactResponseSchema = z.object({ id: z.uuid(), role: z.enum(contactRoles), name: z.string(), email: z.string(), phone: z.string().nullable() });
