import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfToken, type ServerKit } from '../http/server-kit.js';
import { sendPage } from './account-forms.js';
import { renderAccountOverviewPage } from './account-overview.pages.js';
import { loadAccountProfile } from './account-profile.js';
import { acceptanceBanner } from '../policy-versions/acceptance-banner.js';
import { noticeInForce } from '../policy-versions/notice-in-force.js';
import { dataResidencyOf, residencyFor } from '../register/residency.js';

const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  country: z.string().nullable(),
  locale: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  /** Promise C.21: the region the customer's data is kept in under their country's residency law, or null. */
  dataResidency: z.object({ region: z.string(), how: z.string() }).nullable(),
});

export function registerAccountOverviewRoutes(kit: ServerKit): void {
  const { deps } = kit;
  /** From the register in force (the published notice's), so an unpublished draft never reaches customers. */
  const residencyOf = async (request: FastifyRequest, country: string | null) => dataResidencyOf(residencyFor((await noticeInForce(deps, request)).input.register, country));

  kit.route({
    method: 'GET', url: '/account', kind: 'page', auth: { kind: 'account' }, tags: ['accounts'],
    summary: 'The signed-in customer\'s account overview.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account }) => {
      const profile = await loadAccountProfile(deps.db, deps.keyring, account!.accountId);
      const notices = await acceptanceBanner(deps, request, account!.accountId);
      return sendPage(reply, renderAccountOverviewPage(request, csrfToken(kit, request, reply), profile, notices, await residencyOf(request, profile.country)));
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/account', kind: 'api', auth: { kind: 'account' }, tags: ['accounts'],
    summary: 'The signed-in customer\'s own account (never anyone else\'s).',
    responses: { 200: { description: 'The account', schema: accountSchema } },
    handler: async ({ request, account }) => {
      const { subjectId: _internal, ...profile } = await loadAccountProfile(deps.db, deps.keyring, account!.accountId);
      return accountSchema.parse({ ...profile, dataResidency: await residencyOf(request, profile.country) });
    },
  });
}
