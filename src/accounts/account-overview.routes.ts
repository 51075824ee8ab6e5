import { z } from 'zod';
import { csrfToken, type ServerKit } from '../http/server-kit.js';
import { sendPage } from './account-forms.js';
import { renderAccountOverviewPage } from './account-overview.pages.js';
import { loadAccountProfile } from './account-profile.js';
import { acceptanceBanner } from '../policy-versions/acceptance-banner.js';

const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  country: z.string().nullable(),
  locale: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
});

export function registerAccountOverviewRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/account', kind: 'page', auth: { kind: 'account' }, tags: ['accounts'],
    summary: 'The signed-in customer\'s account overview.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account }) => {
      const profile = await loadAccountProfile(deps.db, deps.keyring, account!.accountId);
      const notices = await acceptanceBanner(deps, request, account!.accountId);
      return sendPage(reply, renderAccountOverviewPage(request, csrfToken(kit, request, reply), profile, notices));
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/account', kind: 'api', auth: { kind: 'account' }, tags: ['accounts'],
    summary: 'The signed-in customer\'s own account (never anyone else\'s).',
    responses: { 200: { description: 'The account', schema: accountSchema } },
    handler: async ({ account }) => {
      const { subjectId: _internal, ...profile } = await loadAccountProfile(deps.db, deps.keyring, account!.accountId);
      return accountSchema.parse(profile);
    },
  });
}
