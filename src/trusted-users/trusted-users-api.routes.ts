import { z } from 'zod';
import { emailSchema } from '../accounts/account-forms.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { accountAreas } from './account-areas.js';
import { acceptInvitation } from './accept-invitation.js';
import { changeTrustedUserAreas } from './change-trusted-user-areas.js';
import { leaveTrustedAccess, revokeTrustedUser } from './end-trusted-access.js';
import { inviteTrustedUser } from './invite-trusted-user.js';
import { listTrustedUserActions, listTrustedUsers, readTrustedUser, type TrustedUserView } from './list-trusted-users.js';
import { listActingOptions, switchActing } from './switch-acting.js';
import { grantParams, inviteRateLimit, ownerOf } from './trusted-users.forms.js';

const auth = { kind: 'account' } as const;
const tags = ['account'];
const areasList = z.array(z.enum(accountAreas)).min(1).max(accountAreas.length);
const trustedUserSchema = z.object({
  id: z.uuid(), email: z.string().nullable(), areas: z.array(z.enum(accountAreas)),
  state: z.enum(['invited', 'expired', 'active', 'revoked', 'left']),
  createdAt: z.iso.datetime(), invitationExpiresAt: z.iso.datetime(), acceptedAt: z.iso.datetime().nullable(), endedAt: z.iso.datetime().nullable(),
});
const actionSchema = z.object({ id: z.uuid(), occurredAt: z.iso.datetime(), action: z.string(), personAccountId: z.string().nullable(), by: z.string().nullable() });
const actingSchema = z.object({
  current: z.uuid().nullable(),
  accounts: z.array(z.object({ grantId: z.uuid(), accountId: z.uuid(), ownerName: z.string(), areas: z.array(z.enum(accountAreas)), current: z.boolean() })),
});

function toJson(user: TrustedUserView) {
  return {
    id: user.id, email: user.email, areas: [...user.areas], state: user.state,
    createdAt: user.createdAt.toISOString(), invitationExpiresAt: user.invitationExpiresAt.toISOString(),
    acceptedAt: user.acceptedAt?.toISOString() ?? null, endedAt: user.endedAt?.toISOString() ?? null,
  };
}

/** The same as the pages, as JSON: the owner's grants, and the trusted person's accounts. */
export function registerTrustedUsersApi(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/api/v1/trusted-users', kind: 'api', auth, tags,
    summary: 'Your trusted users and invitations, newest first. Refused while acting for another account.',
    responses: { 200: { description: 'Trusted users', schema: z.object({ trustedUsers: z.array(trustedUserSchema) }) } },
    handler: async ({ account }) => ({ trustedUsers: (await listTrustedUsers(deps, ownerOf(account))).map(toJson) }),
  });

  kit.route({
    method: 'GET', url: '/api/v1/trusted-users/actions', kind: 'api', auth, tags,
    summary: 'The latest actions done for your account by people acting for it, with who did them.',
    responses: { 200: { description: 'Newest first', schema: z.object({ actions: z.array(actionSchema) }) } },
    handler: async ({ account }) => ({
      actions: (await listTrustedUserActions(deps, ownerOf(account))).map((a) => ({ id: a.id, occurredAt: a.occurredAt.toISOString(), action: a.action, personAccountId: a.personAccountId, by: a.by })),
    }),
  });

  kit.route({
    method: 'POST', url: '/api/v1/trusted-users', kind: 'api', auth, tags, body: z.object({ email: emailSchema, areas: areasList }), rateLimit: inviteRateLimit,
    summary: 'Invites a person by email to act for your account in the given areas; a pending invitation to the address is sent again.',
    responses: { 201: { description: 'Invitation sent', schema: z.object({ id: z.uuid(), expiresAt: z.iso.datetime(), renewed: z.boolean() }) }, 409: { description: 'Already trusted' } },
    handler: async ({ request, reply, account, body }) => {
      const sent = await inviteTrustedUser(deps, contextOf(request, 'dpv:AccountManagement'), ownerOf(account), body);
      return reply.status(201).send({ id: sent.grantId, expiresAt: sent.expiresAt.toISOString(), renewed: sent.renewed });
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/trusted-users/:id', kind: 'api', auth, tags, params: grantParams,
    summary: 'One of your trusted users; another account\'s is not found.',
    responses: { 200: { description: 'The trusted user', schema: trustedUserSchema } },
    handler: async ({ account, params }) => toJson(await readTrustedUser(deps, ownerOf(account), params.id)),
  });

  kit.route({
    method: 'PATCH', url: '/api/v1/trusted-users/:id', kind: 'api', auth, tags, params: grantParams, body: z.object({ areas: areasList }),
    summary: 'Changes the areas of a trusted user or pending invitation.',
    responses: { 200: { description: 'Changed', schema: trustedUserSchema }, 409: { description: 'Already ended' } },
    handler: async ({ request, account, params, body }) => {
      const owner = ownerOf(account);
      await changeTrustedUserAreas(deps, contextOf(request, 'dpv:AccountManagement'), owner, params.id, body.areas);
      return toJson(await readTrustedUser(deps, owner, params.id));
    },
  });

  kit.route({
    method: 'DELETE', url: '/api/v1/trusted-users/:id', kind: 'api', auth, tags, params: grantParams,
    summary: 'Revokes a trusted user or withdraws an invitation, at once.',
    responses: { 204: { description: 'Revoked (or had already ended)' } },
    handler: async ({ request, reply, account, params }) => {
      await revokeTrustedUser(deps, contextOf(request, 'dpv:AccountManagement'), ownerOf(account), params.id);
      return reply.status(204).send();
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/trusted-users/accept', kind: 'api', auth, tags, body: z.object({ token: z.string().min(1).max(200) }),
    summary: 'Accepts an invitation with your own account, whose address must be the invited one.',
    responses: { 200: { description: 'Accepted', schema: z.object({ grantId: z.uuid(), accountId: z.uuid() }) }, 400: { description: 'Invalid, withdrawn or expired link' }, 403: { description: 'Invited another address' } },
    handler: async ({ request, account, body }) => acceptInvitation(deps, contextOf(request, 'dpv:AccountManagement'), ownerOf(account), body.token),
  });

  kit.route({
    method: 'GET', url: '/api/v1/acting', kind: 'api', auth, tags,
    summary: 'The accounts you may act for, and which one this session acts for (null: your own).',
    responses: { 200: { description: 'Accounts', schema: actingSchema } },
    handler: async ({ account }) => {
      const options = await listActingOptions(deps, account!);
      return { current: account!.acting?.accountId ?? null, accounts: options.map((o) => ({ ...o, areas: [...o.areas] })) };
    },
  });

  kit.route({
    method: 'PUT', url: '/api/v1/acting', kind: 'api', auth, tags, body: z.object({ accountId: z.uuid().nullable() }),
    summary: 'Switches this session to act for an account you hold a grant for, or back to your own with null.',
    responses: { 204: { description: 'Switched' }, 404: { description: 'No grant for that account' } },
    handler: async ({ request, reply, account, body }) => {
      await switchActing(deps, contextOf(request, 'dpv:AccountManagement'), account!, body.accountId);
      return reply.status(204).send();
    },
  });

  kit.route({
    method: 'DELETE', url: '/api/v1/acting/grants/:id', kind: 'api', auth, tags, params: grantParams,
    summary: 'Gives up your access to an account you act for; its owner is told.',
    responses: { 204: { description: 'Left' }, 404: { description: 'No such grant of yours' } },
    handler: async ({ request, reply, account, params }) => {
      await leaveTrustedAccess(deps, contextOf(request, 'dpv:AccountManagement'), account!, params.id);
      return reply.status(204).send();
    },
  });
}
