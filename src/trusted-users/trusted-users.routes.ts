import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage, stringField } from '../accounts/account-forms.js';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { changeTrustedUserAreas } from './change-trusted-user-areas.js';
import { revokeTrustedUser } from './end-trusted-access.js';
import { GrantRefused } from './grant-refused.js';
import { inviteTrustedUser, type AccountRef } from './invite-trusted-user.js';
import { listTrustedUserActions, listTrustedUsers, readTrustedUser } from './list-trusted-users.js';
import { renderTrustedUserPage, renderTrustedUsersPage, type InviteFormState } from './trusted-users.pages.js';
import { areasBody, grantParams, inviteBody, inviteRateLimit, localiseErrors, ownerOf, submittedAreas } from './trusted-users.forms.js';

// No area: these pages manage the signed-in person's own account, never one they act for.
const auth = { kind: 'account' } as const;
const tags = ['account'];
const doneKeys = { invited: 'trustedUsers.done.invited', renewed: 'trustedUsers.done.renewed', revoked: 'trustedUsers.done.revoked', areas: 'trustedUsers.done.areas' } as const satisfies Record<string, MessageKey>;
const doneQuery = z.object({ done: z.enum(['invited', 'renewed', 'revoked', 'areas']).optional() });

/** The owner's pages: invite, list with state, change areas, revoke, and what trusted users did. */
export function registerTrustedUsersRoutes(kit: ServerKit): void {
  const { deps } = kit;

  async function listPage(request: FastifyRequest, reply: FastifyReply, owner: AccountRef, form?: InviteFormState, message?: string) {
    const [users, actions] = await Promise.all([listTrustedUsers(deps, owner), listTrustedUserActions(deps, owner)]);
    return sendPage(reply, renderTrustedUsersPage(request, csrfToken(kit, request, reply), { users, actions, form, message }));
  }

  async function detailPage(request: FastifyRequest, reply: FastifyReply, owner: AccountRef, grantId: string, form: { areas?: readonly string[]; errors?: readonly FieldError[]; message?: string } = {}) {
    const user = await readTrustedUser(deps, owner, grantId);
    return sendPage(reply, renderTrustedUserPage(request, csrfToken(kit, request, reply), user, form));
  }

  kit.route({
    method: 'GET', url: '/account/trusted-users', kind: 'page', auth, tags, query: doneQuery,
    summary: 'Your trusted users: invite someone, see each one\'s areas and state, and what they did for your account.',
    responses: { 200: { description: 'HTML page' }, 403: { description: 'Acting for another account' } },
    handler: async ({ request, reply, account, query }) => {
      const owner = ownerOf(account);
      return listPage(request, reply, owner, undefined, query.done ? t(request)(doneKeys[query.done]) : undefined);
    },
  });

  kit.route({
    method: 'POST', url: '/account/trusted-users', kind: 'page', auth, tags, body: inviteBody, rateLimit: inviteRateLimit,
    summary: 'Invites a person by email to act for your account in the chosen areas; the link works for 7 days.',
    responses: { 303: { description: 'Invited' }, 400: { description: 'The form with errors' }, 409: { description: 'This person already acts for the account' } },
    onInvalid: async ({ request, reply, errors, submitted }) =>
      listPage(request, reply, ownerOf(request.account), { email: stringField(submitted, 'email'), areas: submittedAreas(submitted), errors: localiseErrors(request, errors) }),
    handler: async ({ request, reply, account, body }) => {
      const owner = ownerOf(account);
      try {
        const sent = await inviteTrustedUser(deps, contextOf(request, 'dpv:AccountManagement'), owner, body);
        return reply.redirect(`/account/trusted-users?done=${sent.renewed ? 'renewed' : 'invited'}`, 303);
      } catch (error) {
        if (!(error instanceof GrantRefused) || error.fieldErrors.length === 0) throw error;
        reply.status(error.status);
        return listPage(request, reply, owner, { email: body.email, areas: body.areas, errors: [{ field: 'email', message: t(request)(error.messageKey) }] });
      }
    },
  });

  kit.route({
    method: 'GET', url: '/account/trusted-users/:id', kind: 'page', auth, tags, params: grantParams, query: doneQuery,
    summary: 'One of your trusted users: areas, state, change areas, revoke. Another account\'s is not found.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'Not a trusted user of your account' } },
    handler: async ({ request, reply, account, params, query }) =>
      detailPage(request, reply, ownerOf(account), params.id, { message: query.done ? t(request)(doneKeys[query.done]) : undefined }),
  });

  kit.route({
    method: 'POST', url: '/account/trusted-users/:id/areas', kind: 'page', auth, tags, params: grantParams, body: areasBody,
    summary: 'Changes the areas a trusted user (or a pending invitation) covers; applies from their next request.',
    responses: { 303: { description: 'Changed' }, 400: { description: 'The form with errors' }, 404: { description: 'Not a trusted user of your account' }, 409: { description: 'Already ended' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const id = grantParams.safeParse(request.params);
      if (!id.success) throw new AppError('NOT_FOUND', 'No such trusted user on your account');
      return detailPage(request, reply, ownerOf(request.account), id.data.id, { areas: submittedAreas(submitted), errors: localiseErrors(request, errors) });
    },
    handler: async ({ request, reply, account, params, body }) => {
      await changeTrustedUserAreas(deps, contextOf(request, 'dpv:AccountManagement'), ownerOf(account), params.id, body.areas);
      return reply.redirect(`/account/trusted-users/${params.id}?done=areas`, 303);
    },
  });

  kit.route({
    method: 'POST', url: '/account/trusted-users/:id/revoke', kind: 'page', auth, tags, params: grantParams, body: z.object({}),
    summary: 'Revokes a trusted user (or withdraws an invitation) at once: their next request no longer acts for your account.',
    responses: { 303: { description: 'Revoked' }, 404: { description: 'Not a trusted user of your account' } },
    handler: async ({ request, reply, account, params }) => {
      await revokeTrustedUser(deps, contextOf(request, 'dpv:AccountManagement'), ownerOf(account), params.id);
      return reply.redirect('/account/trusted-users?done=revoked', 303);
    },
  });
}
