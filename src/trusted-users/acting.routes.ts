import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { safeNext, sendPage } from '../accounts/account-forms.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { acceptInvitation, describeInvitation, invitationIsOpen } from './accept-invitation.js';
import { renderActingPage, renderInvitationOffer, renderInvitationRefused, renderInvitationSignedOut, renderInvitationWhileActing } from './acting.pages.js';
import { leaveTrustedAccess } from './end-trusted-access.js';
import { GrantRefused } from './grant-refused.js';
import { listActingOptions, switchActing } from './switch-acting.js';
import { grantParams, tokenParams } from './trusted-users.forms.js';

const tags = ['account'];
// No area: accepting, switching and leaving are the person's own business, not the account's they act for.
const auth = { kind: 'account' } as const;
const doneKeys = { accepted: 'trustedUsers.done.accepted', switched: 'trustedUsers.done.switched', own: 'trustedUsers.done.own', left: 'trustedUsers.done.left' } as const satisfies Record<string, MessageKey>;

/** The invited person's side: accept the emailed link, choose whose account to act for, leave. */
export function registerActingRoutes(kit: ServerKit): void {
  const { deps } = kit;

  async function refused(request: FastifyRequest, reply: FastifyReply, error: GrantRefused, token: string | null) {
    reply.status(error.status);
    return sendPage(reply, renderInvitationRefused(request, csrfToken(kit, request, reply), t(request)(error.messageKey), error.reason === 'wrongAccount' ? token : null));
  }

  kit.route({
    method: 'GET', url: '/account/trusted-users/accept/:token', kind: 'page', auth: { kind: 'public' }, tags, params: tokenParams,
    summary: 'The emailed invitation link: asks to sign in (or create an account) first, then offers to accept with the invited address\'s account.',
    responses: { 200: { description: 'HTML page' }, 400: { description: 'Invalid, withdrawn or expired link' }, 403: { description: 'Signed in with another account' } },
    handler: async ({ request, reply, params }) => {
      const account = request.account;
      const csrf = csrfToken(kit, request, reply);
      try {
        if (!account || !account.secondFactorVerified) {
          if (!(await invitationIsOpen(deps, params.token))) throw new GrantRefused('invalidLink');
          return sendPage(reply, renderInvitationSignedOut(request, csrf, params.token));
        }
        if (account.acting) return sendPage(reply, renderInvitationWhileActing(request, csrf, params.token));
        if (!account.emailVerified) throw new GrantRefused('unverified');
        const view = await describeInvitation(deps, account, params.token);
        return sendPage(reply, renderInvitationOffer(request, csrf, params.token, view));
      } catch (error) {
        if (error instanceof GrantRefused) return refused(request, reply, error, params.token);
        throw error;
      }
    },
  });

  kit.route({
    method: 'POST', url: '/account/trusted-users/accept/:token', kind: 'page', auth, tags, params: tokenParams, body: z.object({}),
    summary: 'Accepts an invitation with your own account, whose address must be the invited one.',
    responses: { 303: { description: 'Accepted' }, 400: { description: 'Invalid, withdrawn or expired link' }, 403: { description: 'Another account, or acting for an account' }, 409: { description: 'Already trusted' } },
    handler: async ({ request, reply, account, params }) => {
      try {
        if (account!.acting) throw new GrantRefused('whileActing');
        await acceptInvitation(deps, contextOf(request, 'dpv:AccountManagement'), account!, params.token);
        return reply.redirect('/account/acting?done=accepted', 303);
      } catch (error) {
        if (error instanceof GrantRefused) return refused(request, reply, error, params.token);
        throw error;
      }
    },
  });

  kit.route({
    method: 'GET', url: '/account/acting', kind: 'page', auth, tags, query: z.object({ done: z.enum(['accepted', 'switched', 'own', 'left']).optional() }),
    summary: 'The accounts you may act for as a trusted user, and your own account; switch or leave.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account, query }) => {
      const options = await listActingOptions(deps, account!);
      return sendPage(reply, renderActingPage(request, csrfToken(kit, request, reply), options, query.done ? t(request)(doneKeys[query.done]) : undefined));
    },
  });

  kit.route({
    method: 'POST', url: '/account/acting', kind: 'page', auth, tags,
    body: z.object({ accountId: z.union([z.literal('own'), z.uuid()]), next: z.string().max(500).optional() }),
    summary: 'Switches this session to act for an account you hold a grant for ("own" for your own account).',
    responses: { 303: { description: 'Switched' }, 404: { description: 'No grant for that account' } },
    handler: async ({ request, reply, account, body }) => {
      const target = body.accountId === 'own' ? null : body.accountId;
      await switchActing(deps, contextOf(request, 'dpv:AccountManagement'), account!, target);
      return reply.redirect(safeNext(body.next) ?? `/account/acting?done=${target ? 'switched' : 'own'}`, 303);
    },
  });

  kit.route({
    method: 'POST', url: '/account/acting/:id/leave', kind: 'page', auth, tags, params: grantParams, body: z.object({}),
    summary: 'Gives up your access to an account you act for; its owner is told.',
    responses: { 303: { description: 'Left' }, 404: { description: 'No such grant of yours' } },
    handler: async ({ request, reply, account, params }) => {
      await leaveTrustedAccess(deps, contextOf(request, 'dpv:AccountManagement'), account!, params.id);
      return reply.redirect('/account/acting?done=left', 303);
    },
  });
}
