import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { sendPage } from './account-forms.js';
import { renderEmailVerifiedPage, renderVerificationFailedPage, renderVerificationPendingPage } from './verify-email.pages.js';
import { resendVerificationEmail, verifyEmail } from './verify-email.js';

export function registerVerifyEmailRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/verify-email', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Follows the emailed verification link: confirms the address.',
    query: z.object({ token: z.string().max(200).optional() }),
    responses: { 200: { description: 'Confirmed' }, 400: { description: 'The link is invalid, used or expired' } },
    handler: async ({ request, reply, query }) => {
      try {
        await verifyEmail(deps, contextOf(request, 'dpv:AccountManagement'), query.token ?? '');
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'TOKEN_INVALID') throw error;
        return sendPage(reply.status(400), renderVerificationFailedPage(request, csrfToken(kit, request, reply)));
      }
      return sendPage(reply, renderEmailVerifiedPage(request, csrfToken(kit, request, reply)));
    },
  });

  // Public on purpose: sign-up with an already registered address answers with a decoy session,
  // and this page must then look the same as for a real new account.
  kit.route({
    method: 'GET', url: '/verify-email/pending', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'What to do while the email address is not verified yet.',
    responses: { 200: { description: 'HTML page' }, 303: { description: 'Already verified: to the account' } },
    handler: async ({ request, reply, account }) => {
      if (account?.emailVerified) return reply.redirect('/account', 303);
      return sendPage(reply, renderVerificationPendingPage(request, csrfToken(kit, request, reply), { signedIn: account !== null }));
    },
  });

  kit.route({
    method: 'POST', url: '/verify-email/resend', kind: 'page', auth: { kind: 'account', allowUnverifiedEmail: true }, tags: ['accounts'],
    summary: 'Emails a new verification link.',
    rateLimit: { scope: 'verify-email-resend', limit: 5, window: 'PT1H' },
    responses: { 200: { description: 'Sent' }, 303: { description: 'Already verified: to the account' } },
    handler: async ({ request, reply, account }) => {
      const outcome = await resendVerificationEmail(deps, contextOf(request, 'dpv:AccountManagement'), account!.accountId);
      if (outcome === 'already_verified') return reply.redirect('/account', 303);
      return sendPage(reply, renderVerificationPendingPage(request, csrfToken(kit, request, reply), { signedIn: true, resent: true }));
    },
  });
}
