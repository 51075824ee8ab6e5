import { z } from 'zod';
import { passwordPolicy } from '../auth/passwords.js';
import type { FieldError } from '../errors/app-error.js';
import type { Translate } from '../i18n/i18n.js';

/** Input schemas shared by the console forms and the staff API. */
export const staffEmailSchema = z.string().trim().max(254).pipe(z.email());
export const newPasswordSchema = z.string().min(passwordPolicy.minLength).max(passwordPolicy.maxLength);
export const currentPasswordSchema = z.string().min(1).max(passwordPolicy.maxLength);
export const displayNameSchema = z.string().trim().min(1).max(100);
export const linkTokenSchema = z.string().min(1).max(200);

const fieldMessages: Record<string, Parameters<Translate>[0]> = {
  email: 'staff.field.email',
  displayName: 'staff.field.displayName',
  role: 'staff.field.role',
  token: 'staff.field.token',
};

/** One readable message per field, from the catalogue, instead of zod's wording. */
export function localiseStaffFieldErrors(tr: Translate, errors: readonly FieldError[], passwordKey: Parameters<Translate>[0] = 'staff.field.newPassword'): FieldError[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    if (seen.has(error.field)) return [];
    seen.add(error.field);
    const key = error.field === 'password' ? passwordKey : fieldMessages[error.field];
    return [{ field: error.field, message: key ? tr(key, { min: passwordPolicy.minLength, max: passwordPolicy.maxLength }) : error.message }];
  });
}

/** A submitted form value, cut to a sane length, for re-rendering. */
export function submittedText(submitted: Record<string, unknown>, name: string, max = 254): string {
  const value = submitted[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}
