import { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import { toFieldErrors } from '../http/route.js';
import { contactFieldNames, contactSchema, type ContactInput, type ContactsInput } from './domain-contacts.js';
import { documentTypes, publishableFields } from './domains.tables.js';

/** Form field name of a contact field: registrantName, techPostalCode. */
export const contactField = (role: string, field: string): string => `${role}${field.charAt(0).toUpperCase()}${field.slice(1)}`;

const optionalText = z.string().max(300).optional();
const flatContactFields = Object.fromEntries(
  (['registrant', 'admin', 'tech', 'billing'] as const).flatMap((role) => [...contactFieldNames.map((field) => [contactField(role, field), optionalText]), [`${role}Same`, optionalText]]),
) as Record<string, typeof optionalText>;

/** The registration and transfer forms: the name, the period or auth code, and four contact fieldsets. */
export const orderFormSchema = z.object({
  fqdn: z.string().max(300),
  years: z.coerce.number().int().min(1).max(10).optional(),
  authCode: z.string().trim().min(1).max(100).optional(),
  ...flatContactFields,
});
export type OrderForm = z.infer<typeof orderFormSchema>;

export const techContactFormSchema = z.object({ techSame: optionalText, ...Object.fromEntries(contactFieldNames.map((field) => [contactField('tech', field), optionalText])) });

function readContact(form: Record<string, unknown>, role: string, errors: FieldError[]): ContactInput | null {
  const values = Object.fromEntries(contactFieldNames.map((field) => [field, form[contactField(role, field)] ?? '']));
  const parsed = contactSchema.safeParse(values);
  if (parsed.success) return parsed.data;
  for (const error of toFieldErrors(parsed.error)) errors.push({ field: contactField(role, error.field), message: error.message });
  return null;
}

/** One role's contact: null when "same as the registrant" is ticked, else the fields as entered. */
export function readOptionalContact(form: Record<string, unknown>, role: 'admin' | 'tech' | 'billing', errors: FieldError[]): ContactInput | null {
  return form[`${role}Same`] === 'yes' ? null : readContact(form, role, errors);
}

/** The flat form fields as the use case's contacts; every wrong field is reported at once. */
export function readContactsForm(form: Record<string, unknown>): ContactsInput {
  const errors: FieldError[] = [];
  const registrant = readContact(form, 'registrant', errors);
  const admin = readOptionalContact(form, 'admin', errors);
  const tech = readOptionalContact(form, 'tech', errors);
  const billing = readOptionalContact(form, 'billing', errors);
  if (errors.length > 0 || !registrant) throw new AppError('VALIDATION_FAILED', 'Some contact details are missing or not valid', { fieldErrors: errors });
  return { registrant, admin, tech, billing };
}

export const renewFormSchema = z.object({ years: z.coerce.number().int().min(1).max(10) });

const fieldList = z.union([z.enum(publishableFields), z.array(z.enum(publishableFields)).max(publishableFields.length)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
export const publicationFormSchema = z.object({ publish: z.enum(['yes', 'no']), fields: fieldList });

export const documentTypeSchema = z.enum(documentTypes);
