import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { inTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import { userAgentFamily } from '../http/client-info.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { currentConsentNotice } from './consent-notice.js';
import { renderUnsubscribePage } from './consent.pages.js';
import { openUnsubscribeLink, unsubscribeByLink } from './unsubscribe.js';

const tokenParams = z.object({ token: z.string().min(1).max(1200) });
const unsubscribeUrl = '/unsubscribe/:token';

/** One-click unsubscribe (RFC 8058) from the List-Unsubscribe header or the link in the message. */
export function registerUnsubscribeRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: unsubscribeUrl, kind: 'page', auth: { kind: 'public' }, tags: ['consent'],
    summary: 'Shows what the unsubscribe link withdraws and a button; a GET never unsubscribes, so link scanners change nothing.',
    params: tokenParams,
    responses: { 200: { description: 'HTML page' }, 404: { description: 'Not a valid link' } },
    handler: async ({ request, reply, params }) => {
      try {
        const target = await openUnsubscribeLink(deps, deps.db, params.token);
        return sendPage(reply, renderUnsubscribePage(request, { token: params.token, purpose: target.purpose, channel: target.channel }));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        return sendPage(reply.status(404), renderUnsubscribePage(request, { message: t(request)('privacyChoices.unsubscribe.invalid') }));
      }
    },
  });

  kit.route({
    method: 'POST', url: unsubscribeUrl, kind: 'page', auth: { kind: 'public' }, tags: ['consent'],
    summary: 'Withdraws consent at once (method unsubscribe_link). The signed token is the only credential, so mail clients post it without cookies (RFC 8058).',
    params: tokenParams,
    body: z.object({ 'List-Unsubscribe': z.string().max(100).optional() }).optional(),
    // RFC 8058 says one-click POSTs SHOULD be multipart/form-data (urlencoded MAY be used).
    multipartFieldsOnly: true,
    // No ambient credentials are used: the token in the URL authorises, and RFC 8058 posts come from mail clients.
    csrf: false,
    responses: { 200: { description: 'Unsubscribed' }, 404: { description: 'Not a valid link; nothing recorded' } },
    handler: async ({ request, reply, params }) => {
      const notice = await currentConsentNotice(deps.db, deps.config.retention, deps.now());
      await inTransaction(deps.db, contextOf(request, 'dpv:LegalCompliance'), (ctx) => unsubscribeByLink(deps, ctx, params.token, notice, userAgentFamily(request.headers['user-agent'])));
      return sendPage(reply, renderUnsubscribePage(request, { message: t(request)('privacyChoices.unsubscribe.done') }));
    },
  });
}
