import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { emailSchema } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import type { AccountPrincipal } from '../http/principal.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { accountAreas } from './account-areas.js';
import { GrantRefused } from './grant-refused.js';
import type { AccountRef } from './invite-trusted-user.js';

/** A form sends one checked box as a string and several as a list; none at all is an empty list. */
export const areasSchema = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(accountAreas)).min(1, 'Choose at least one area').max(accountAreas.length * 2),
);

/** Invitations send email to any address: a signed-in account may send only so many per hour. */
export const inviteRateLimit = { scope: 'trusted_users.invite', limit: 30, window: 'PT1H' } as const;

export const inviteBody = z.object({ email: emailSchema, areas: areasSchema });
export const areasBody = z.object({ areas: areasSchema });
export const grantParams = z.object({ id: z.uuid() });
export const tokenParams = z.object({ token: z.string().min(1).max(200) });

/**
 * Only the owner manages who acts for their account, and only as themselves: a person acting for
 * another account is refused here, so nothing done while acting can touch grants.
 */
export function ownerOf(account: AccountPrincipal | null): AccountRef {
  if (!account) throw new Error('authorised routes always have an account');
  if (account.acting) throw new GrantRefused('whileActing');
  return { accountId: account.accountId, subjectId: account.subjectId };
}

const fieldKeys: Record<string, MessageKey> = { email: 'trustedUsers.invalid.email', areas: 'trustedUsers.invalid.areas' };

/** zod's messages are for developers; the form shows the catalogue's, one per field. */
export function localiseErrors(request: FastifyRequest, errors: readonly FieldError[]): FieldError[] {
  const tr = t(request);
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    const field = error.field.split('.')[0] ?? error.field;
    if (seen.has(field)) return [];
    seen.add(field);
    const key = fieldKeys[field];
    return [{ field, message: key ? tr(key) : error.message }];
  });
}

/** Submitted checkbox values, for re-rendering a form as it was sent. */
export function submittedAreas(submitted: Record<string, unknown>): string[] {
  const value = submitted.areas;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((item): item is string => typeof item === 'string').slice(0, accountAreas.length);
}
