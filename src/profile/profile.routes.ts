import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage, submitForm } from '../accounts/account-forms.js';
import { accountInScope, type AccountPrincipal } from '../http/principal.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { localiseProfileErrors, resubmittedValues, type FormValues } from './profile-form-parts.js';
import { renderProfileHistoryPage } from './profile-history.pages.js';
import { renderProfilePage } from './profile.pages.js';
import { allFormErrors, profileFormSchema, valuesFromForm } from './profile-schemas.js';
import { mayReadContacts, readProfileHistory } from './read-profile-history.js';
import { readProfile } from './read-profile.js';
import { updateProfile } from './update-profile.js';
import type { FieldError } from '../errors/app-error.js';

const auth = { kind: 'account', area: 'profile' } as const;
const tags = ['profile'];
const doneQuery = z.object({ done: z.enum(['saved', 'email']).optional().catch(undefined) });

/** The profile page with its edit form, and the rectification history. */
export function registerProfilePageRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const page = async (request: FastifyRequest, reply: FastifyReply, account: AccountPrincipal, state: { submitted?: FormValues; errors?: readonly FieldError[]; formError?: string; done?: 'saved' | 'email' }) => {
    const view = await readProfile(deps, deps.db, accountInScope(account).accountId);
    const acting = account.acting !== null;
    return sendPage(reply, renderProfilePage(request, csrfToken(kit, request, reply), {
      view, submitted: state.submitted, errors: state.errors, formError: state.formError,
      saved: state.done === 'saved', emailChanged: state.done === 'email', acting,
      showContacts: mayReadContacts(account),
    }));
  };

  kit.route({
    method: 'GET', url: '/account/profile', kind: 'page', auth, tags, query: doneQuery,
    summary: 'Your profile: name, phone, company, VAT id, postal address, country and language, with a form to correct them.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account, query }) => page(request, reply, account!, { done: query.done }),
  });

  kit.route({
    method: 'POST', url: '/account/profile', kind: 'page', auth, tags, body: profileFormSchema,
    summary: 'Saves corrections to the profile; each changed field enters the history with its old and new value.',
    responses: { 303: { description: 'Saved: back to the profile' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      page(request, reply, request.account!, { submitted: resubmittedValues(submitted), errors: localiseProfileErrors(request, allFormErrors(errors, submitted), submitted) }),
    handler: async ({ request, reply, account, body }) => {
      const submitted = resubmittedValues(request.body as Record<string, unknown>);
      return submitForm(reply, async () => {
        await updateProfile(deps, contextOf(request, 'dpv:AccountManagement'), accountInScope(account!), valuesFromForm(body));
        return reply.redirect('/account/profile?done=saved', 303);
      }, async (errors, formError) => page(request, reply, account!, { submitted, errors: localiseProfileErrors(request, errors, submitted), formError }));
    },
  });

  kit.route({
    method: 'GET', url: '/account/profile/history', kind: 'page', auth, tags,
    summary: 'Every correction of your profile and contacts, newest first: field, old and new value, when and by whom.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account }) => {
      const entries = await readProfileHistory(deps.db, deps.keyring, accountInScope(account!).accountId, { includeContacts: mayReadContacts(account!) });
      return sendPage(reply, renderProfileHistoryPage(request, csrfToken(kit, request, reply), entries));
    },
  });
}
