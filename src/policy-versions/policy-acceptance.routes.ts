import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { acceptanceStateOf, acceptPolicyVersion } from './accept-policy-version.js';
import { renderAcceptancePage } from './policy-acceptance.pages.js';
import { versionNumber } from './privacy-versions.routes.js';

const auth = { kind: 'account' } as const;
const tags = ['account'];
const stateSchema = z.object({
  pending: z.object({ version: z.number().int(), effectiveDate: z.string() }).nullable(),
  accepted: z.array(z.object({ version: z.number().int(), acceptedAt: z.iso.datetime() })),
});

/** Acceptance of a version that asks for it: a page with the form, and the API. Only ever the signed-in account's own. */
export function registerPolicyAcceptanceRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const stateJson = async (accountId: string) => {
    const state = await acceptanceStateOf(deps, accountId);
    return {
      pending: state.pending ? { version: state.pending.version, effectiveDate: state.pending.effectiveDate } : null,
      accepted: state.accepted.map((a) => ({ version: a.version, acceptedAt: a.acceptedAt.toISOString() })),
    };
  };

  kit.route({
    method: 'GET', url: '/account/policy', kind: 'page', auth, tags, query: z.object({ accepted: versionNumber.optional() }),
    summary: 'The version of the privacy notice waiting for your acceptance, with the accept form, and what you accepted.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account, query }) => {
      const state = await acceptanceStateOf(deps, account!.accountId);
      return sendPage(reply, renderAcceptancePage(request, csrfToken(kit, request, reply), state, query.accepted));
    },
  });

  kit.route({
    method: 'POST', url: '/account/policy/accept', kind: 'page', auth, tags, body: z.object({ version: versionNumber }),
    summary: 'Accepts a version of the privacy notice that asks for acceptance.',
    responses: { 303: { description: 'Recorded' }, 404: { description: 'No such version' }, 409: { description: 'That version does not ask for acceptance' } },
    handler: async ({ request, reply, account, body }) => {
      await acceptPolicyVersion(deps, contextOf(request, 'dpv:AccountManagement'), account!, body.version);
      return reply.redirect(`/account/policy?accepted=${body.version}`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/account/policy-acceptance', kind: 'api', auth, tags,
    summary: 'Your acceptances of the privacy notice, and the version waiting for yours (never another account\'s).',
    responses: { 200: { description: 'Acceptance state', schema: stateSchema } },
    handler: async ({ account }) => stateJson(account!.accountId),
  });

  kit.route({
    method: 'POST', url: '/api/v1/account/policy-acceptance', kind: 'api', auth, tags, body: z.object({ version: z.number().int().min(1).max(999_999_999) }),
    summary: 'Accepts a version of the privacy notice that asks for acceptance; accepting again changes nothing.',
    responses: { 200: { description: 'Acceptance state after accepting', schema: stateSchema }, 404: { description: 'No such version' }, 409: { description: 'That version does not ask for acceptance' } },
    handler: async ({ request, account, body }) => {
      await acceptPolicyVersion(deps, contextOf(request, 'dpv:AccountManagement'), account!, body.version);
      return stateJson(account!.accountId);
    },
  });
}
