import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { acceptanceBanner } from '../policy-versions/acceptance-banner.js';
import { messageCategories } from './account-messages.tables.js';
import { renderMessagePage, renderMessagesPage } from './account-messages.pages.js';
import { listAccountMessages, readAccountMessage } from './read-account-messages.js';

const idParams = z.object({ id: z.uuid() });
const messageSchema = z.object({ id: z.uuid(), category: z.enum(messageCategories), title: z.string(), body: z.string(), createdAt: z.iso.datetime(), readAt: z.iso.datetime().nullable() });
const auth = { kind: 'account' } as const;
const tags = ['account'];

/** The account inbox: a list with unread marked, one message (opening it marks it read), and the API. */
export function registerAccountMessagesRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/account/messages', kind: 'page', auth, tags,
    summary: 'Your messages from us, newest first; unread ones are marked.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account }) => {
      const messages = await listAccountMessages(deps, account!);
      const banner = await acceptanceBanner(deps, request, account!.accountId);
      return sendPage(reply, renderMessagesPage(request, csrfToken(kit, request, reply), messages, banner));
    },
  });

  kit.route({
    method: 'GET', url: '/account/messages/:id', kind: 'page', auth, tags, params: idParams,
    summary: 'One of your messages; opening it marks it read. Another account\'s message is not found.',
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such message in your inbox' } },
    handler: async ({ request, reply, account, params }) => {
      const message = await readAccountMessage(deps, contextOf(request, 'dpv:CommunicationForCustomerCare'), account!, params.id);
      return sendPage(reply, renderMessagePage(request, csrfToken(kit, request, reply), message));
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/account/messages', kind: 'api', auth, tags,
    summary: 'Your messages, newest first (reading the list does not mark them read).',
    responses: { 200: { description: 'Messages', schema: z.object({ messages: z.array(messageSchema), unread: z.number().int() }) } },
    handler: async ({ account }) => {
      const messages = await listAccountMessages(deps, account!);
      return {
        messages: messages.map((m) => ({ id: m.id, category: m.category, title: m.title, body: m.body, createdAt: m.createdAt.toISOString(), readAt: m.readAt?.toISOString() ?? null })),
        unread: messages.filter((m) => m.readAt === null).length,
      };
    },
  });
}
