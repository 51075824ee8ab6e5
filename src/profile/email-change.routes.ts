import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage, stringField, submitForm } from '../accounts/account-forms.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { accountInScope, type AccountPrincipal } from '../http/principal.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { confirmEmailChange, requestEmailChange } from './change-email.js';
import { renderConfirmEmailPage, renderEmailChangePage, type EmailChangeState } from './email-change.pages.js';
import { localiseProfileErrors } from './profile-form-parts.js';
import { emailChangeFormSchema } from './profile-schemas.js';
import { readProfile } from './read-profile.js';

const auth = { kind: 'account', area: 'profile' } as const;
const tags = ['profile'];
/** The current password is checked, so guessing it here is limited like sign-in. */
const requestLimit = { scope: 'email-change', limit: 10, window: 'PT15M' } as const;
const confirmLimit = { scope: 'email-change-confirm', limit: 20, window: 'PT1H' } as const;
const tokenBody = z.object({ token: z.string().min(1).max(200) });

/** The sign-in address is the owner's: a trusted user may correct the profile, never take over the sign-in. */
function ownerOnly(account: AccountPrincipal): { accountId: string; subjectId: string } {
  if (account.acting) throw new AppError('FORBIDDEN', 'Only the account owner can change the sign-in address');
  return accountInScope(account);
}

/** Changing the sign-in address: request with the password, confirm from the new mailbox. */
export function registerEmailChangeRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const page = async (request: FastifyRequest, reply: FastifyReply, state: Omit<EmailChangeState, 'currentEmail'>) => {
    const view = await readProfile(deps, deps.db, ownerOnly(request.account!).accountId);
    return sendPage(reply, renderEmailChangePage(request, csrfToken(kit, request, reply), { ...state, currentEmail: view.email }));
  };
  const confirmPage = (request: FastifyRequest, reply: FastifyReply, state: Parameters<typeof renderConfirmEmailPage>[2]) =>
    sendPage(reply, renderConfirmEmailPage(request, csrfToken(kit, request, reply), state));

  kit.route({
    method: 'GET', url: '/account/profile/email', kind: 'page', auth, tags,
    summary: 'Form to change the sign-in address (account owner only).',
    responses: { 200: { description: 'HTML page' }, 403: { description: 'A trusted user cannot change the owner\'s sign-in address' } },
    handler: async ({ request, reply }) => page(request, reply, {}),
  });

  kit.route({
    method: 'POST', url: '/account/profile/email', kind: 'page', auth, tags, body: emailChangeFormSchema, rateLimit: requestLimit,
    summary: 'Emails a confirmation link to the new address and a notice to the current one; the answer is the same whether or not the address is taken.',
    responses: { 200: { description: 'Link sent' }, 400: { description: 'The form with errors' }, 403: { description: 'Trusted users cannot do this' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      page(request, reply, { newEmail: stringField(submitted, 'newEmail'), errors: localiseProfileErrors(request, errors, submitted) }),
    handler: async ({ request, reply, account, body }) => {
      const target = ownerOnly(account!);
      return submitForm(reply, async () => {
        await requestEmailChange(deps, contextOf(request, 'dpv:AccountManagement'), target, body);
        return page(request, reply, { sentTo: body.newEmail });
      }, async (errors: FieldError[], formError) => page(request, reply, { newEmail: body.newEmail, errors: localiseProfileErrors(request, errors), formError }));
    },
  });

  kit.route({
    method: 'GET', url: '/account/profile/email/confirm', kind: 'page', auth: { kind: 'public' }, tags,
    summary: 'The page behind the emailed link: a button confirms the new address (opening the link alone changes nothing).',
    query: z.object({ token: z.string().max(200).optional().catch(undefined) }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => confirmPage(request, reply, { token: query.token ?? '' }),
  });

  kit.route({
    method: 'POST', url: '/account/profile/email/confirm', kind: 'page', auth: { kind: 'public' }, tags, body: tokenBody, rateLimit: confirmLimit,
    summary: 'Confirms the new sign-in address with the emailed token and applies the change.',
    responses: { 200: { description: 'Changed' }, 400: { description: 'The link is invalid or has expired' } },
    onInvalid: async ({ request, reply }) => confirmPage(request, reply, { token: '', formError: t(request)('profile.email.linkInvalid') }),
    handler: async ({ request, reply, body }) =>
      submitForm(reply, async () => {
        const { email } = await confirmEmailChange(deps, contextOf(request, 'dpv:AccountManagement'), body.token);
        return confirmPage(request, reply, { token: '', done: { email } });
      }, async () => confirmPage(request, reply, { token: '', formError: t(request)('profile.email.linkInvalid') })),
  });

  kit.route({
    method: 'POST', url: '/api/v1/profile/email', kind: 'api', auth, tags, body: emailChangeFormSchema, rateLimit: requestLimit,
    summary: 'Starts a change of the sign-in address (account owner only); the answer is the same whether or not the address is taken.',
    responses: { 202: { description: 'A confirmation link is on its way to the new address', schema: z.object({ status: z.literal('confirmation_sent') }) }, 403: { description: 'Trusted users cannot do this' } },
    handler: async ({ request, reply, account, body }) => {
      await requestEmailChange(deps, contextOf(request, 'dpv:AccountManagement'), ownerOnly(account!), body);
      return reply.status(202).send({ status: 'confirmation_sent' as const });
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/profile/email/confirm', kind: 'api', auth: { kind: 'public' }, tags, body: tokenBody, rateLimit: confirmLimit,
    summary: 'Confirms a new sign-in address with the emailed token.',
    responses: { 200: { description: 'The new address', schema: z.object({ email: z.string() }) }, 400: { description: 'The link is invalid or has expired' } },
    handler: async ({ request, body }) => ({ email: (await confirmEmailChange(deps, contextOf(request, 'dpv:AccountManagement'), body.token)).email }),
  });
}

