import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage, submitForm } from '../accounts/account-forms.js';
import type { FieldError } from '../errors/app-error.js';
import { accountInScope, type AccountPrincipal } from '../http/principal.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { renderContactEditPage, renderContactsPage, type ContactsNotice } from './contacts.pages.js';
import { addContact, changeContact, removeContact } from './manage-contacts.js';
import { localiseProfileErrors, resubmittedValues, type FormValues } from './profile-form-parts.js';
import { contactFormSchema, contactPatchSchema, contactResponseSchema } from './profile-schemas.js';
import { contactJson, listContacts, readContact } from './read-contacts.js';

const auth = { kind: 'account', area: 'contacts' } as const;
const tags = ['contacts'];
const idParams = z.object({ id: z.uuid() });
const purpose = 'dpv:ServiceProvision' as const;
const doneQuery = z.object({ done: z.enum(['added', 'updated', 'removed']).optional().catch(undefined) });

/** Billing and technical contacts: list, add, correct, remove; pages and JSON. */
export function registerContactsRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const target = (account: AccountPrincipal | null) => accountInScope(account!);
  const listPage = async (request: FastifyRequest, reply: FastifyReply, state: { values?: FormValues; errors?: readonly FieldError[]; formError?: string; done?: ContactsNotice }) => {
    const contacts = await listContacts(deps.db, deps.keyring, target(request.account).accountId);
    return sendPage(reply, renderContactsPage(request, csrfToken(kit, request, reply), contacts, state));
  };
  const editPage = async (request: FastifyRequest, reply: FastifyReply, contactId: string, state: { values?: FormValues; errors?: readonly FieldError[]; formError?: string }) => {
    const contact = await readContact(deps.db, deps.keyring, target(request.account).accountId, contactId);
    return sendPage(reply, renderContactEditPage(request, csrfToken(kit, request, reply), contact, state));
  };
  const invalid = (render: (request: FastifyRequest, reply: FastifyReply, state: { values: FormValues; errors: FieldError[] }) => Promise<unknown>) =>
    async ({ request, reply, errors, submitted }: { request: FastifyRequest; reply: FastifyReply; errors: FieldError[]; submitted: Record<string, unknown> }) =>
      render(request, reply, { values: resubmittedValues(submitted), errors: localiseProfileErrors(request, errors, submitted) });

  kit.route({
    method: 'GET', url: '/account/contacts', kind: 'page', auth, tags, query: doneQuery,
    summary: 'Your billing and technical contacts, with a form to add one.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => listPage(request, reply, { done: query.done }),
  });

  kit.route({
    method: 'POST', url: '/account/contacts', kind: 'page', auth, tags, body: contactFormSchema,
    summary: 'Adds a billing or technical contact (a person with their own key, erased when removed).',
    responses: { 303: { description: 'Added: back to the list' }, 400: { description: 'The form with errors' } },
    onInvalid: invalid(listPage),
    handler: async ({ request, reply, account, body }) => {
      const values = resubmittedValues(request.body as Record<string, unknown>);
      return submitForm(reply, async () => {
        await addContact(deps, contextOf(request, purpose), target(account), { role: body.role, name: body.name, email: body.email, phone: body.phone ?? null });
        return reply.redirect('/account/contacts?done=added', 303);
      }, async (errors, formError) => listPage(request, reply, { values, errors: localiseProfileErrors(request, errors, request.body as Record<string, unknown>), formError }));
    },
  });

  kit.route({
    method: 'GET', url: '/account/contacts/:id', kind: 'page', auth, tags, params: idParams,
    summary: 'Form to correct one contact. Another account\'s contact is not found.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such contact on this account' } },
    handler: async ({ request, reply, params }) => editPage(request, reply, params.id, {}),
  });

  kit.route({
    method: 'POST', url: '/account/contacts/:id', kind: 'page', auth, tags, params: idParams, body: contactFormSchema,
    summary: 'Saves corrections to a contact; each changed field enters the history.',
    responses: { 303: { description: 'Saved: back to the list' }, 400: { description: 'The form with errors' }, 404: { description: 'No such contact on this account' } },
    onInvalid: async (input) => {
      const id = idParams.safeParse(input.request.params);
      if (!id.success) return listPage(input.request, input.reply, {});
      return invalid((request, reply, state) => editPage(request, reply, id.data.id, state))(input);
    },
    handler: async ({ request, reply, account, params, body }) => {
      const values = resubmittedValues(request.body as Record<string, unknown>);
      return submitForm(reply, async () => {
        await changeContact(deps, contextOf(request, purpose), target(account), params.id, { role: body.role, name: body.name, email: body.email, phone: body.phone ?? null });
        return reply.redirect('/account/contacts?done=updated', 303);
      }, async (errors, formError) => editPage(request, reply, params.id, { values, errors: localiseProfileErrors(request, errors, request.body as Record<string, unknown>), formError }));
    },
  });

  kit.route({
    method: 'POST', url: '/account/contacts/:id/remove', kind: 'page', auth, tags, params: idParams,
    summary: 'Removes a contact and erases their data; the history keeps that a contact was removed.',
    responses: { 303: { description: 'Removed: back to the list' }, 404: { description: 'No such contact on this account' } },
    handler: async ({ request, reply, account, params }) => {
      await removeContact(deps, contextOf(request, purpose), target(account), params.id);
      return reply.redirect('/account/contacts?done=removed', 303);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/contacts', kind: 'api', auth, tags,
    summary: 'The billing and technical contacts of the account in scope.',
    responses: { 200: { description: 'Contacts', schema: z.object({ contacts: z.array(contactResponseSchema) }) } },
    handler: async ({ account }) => ({ contacts: (await listContacts(deps.db, deps.keyring, target(account).accountId)).map(contactJson) }),
  });

  kit.route({
    method: 'POST', url: '/api/v1/contacts', kind: 'api', auth, tags, body: contactFormSchema,
    summary: 'Adds a billing or technical contact.',
    responses: { 201: { description: 'The new contact', schema: contactResponseSchema }, 409: { description: 'Too many contacts' } },
    handler: async ({ request, reply, account, body }) => {
      const scope = target(account);
      const { contactId } = await addContact(deps, contextOf(request, purpose), scope, { role: body.role, name: body.name, email: body.email, phone: body.phone ?? null });
      return reply.status(201).send(contactJson(await readContact(deps.db, deps.keyring, scope.accountId, contactId)));
    },
  });

  kit.route({
    method: 'PATCH', url: '/api/v1/contacts/:id', kind: 'api', auth, tags, params: idParams, body: contactPatchSchema,
    summary: 'Corrects a contact; absent keys stay, a null phone clears it.',
    responses: { 200: { description: 'The contact now', schema: contactResponseSchema }, 404: { description: 'No such contact on this account' } },
    handler: async ({ request, account, params, body }) => {
      const scope = target(account);
      await changeContact(deps, contextOf(request, purpose), scope, params.id, body);
      return contactJson(await readContact(deps.db, deps.keyring, scope.accountId, params.id));
    },
  });

  kit.route({
    method: 'DELETE', url: '/api/v1/contacts/:id', kind: 'api', auth, tags, params: idParams,
    summary: 'Removes a contact and erases their data.',
    responses: { 204: { description: 'Removed' }, 404: { description: 'No such contact on this account' } },
    handler: async ({ request, reply, account, params }) => {
      await removeContact(deps, contextOf(request, purpose), target(account), params.id);
      return reply.status(204).send();
    },
  });
}
