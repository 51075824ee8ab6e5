import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import type { Translate } from '../i18n/i18n.js';
import { sendConsolePage } from '../staff/console-page.js';
import { liftPage, suspendPage, type SuspendFormState } from './abuse-suspension.pages.js';
import { customerIdParams } from './customer-list.routes.js';
import { abuseBlocksOfAccount } from './customer-records.store.js';
import { abuseCategories } from './customer-records.tables.js';
import { customerSummary } from './open-customer-record.js';
import { abuseNoteLength, liftAbuseSuspension, suspendAccountForAbuse } from './suspend-account.js';

const abuseManage = { kind: 'staff', permission: 'abuse.manage' } as const;

function localiseSuspendErrors(tr: Translate, errors: readonly FieldError[], submitted: Record<string, unknown>): FieldError[] {
  const noteLength = typeof submitted.note === 'string' ? submitted.note.trim().length : 0;
  const fields = new Set(errors.map((e) => (e.field === 'category' ? 'category' : 'note')));
  return [...fields].map((field) => ({
    field,
    message: field === 'category' ? tr('customerRecords.abuse.categoryInvalid')
      : noteLength > abuseNoteLength.max ? tr('customerRecords.abuse.noteTooLong', { max: abuseNoteLength.max })
      : tr('customerRecords.abuse.noteTooShort', { min: abuseNoteLength.min }),
  }));
}

export function registerAbuseSuspensionRoutes(kit: ServerKit): void {
  const { deps } = kit;

  const sendForm = async (request: FastifyRequest, reply: FastifyReply, accountId: string, state: Omit<SuspendFormState, 'csrf' | 'account'> = {}) => {
    const account = await customerSummary(deps, accountId);
    const tr = t(request);
    if (account.status === 'suspended') {
      const [block] = await abuseBlocksOfAccount(deps.db, account.id);
      return sendConsolePage(kit, request, reply, { title: tr('customerRecords.lift.title'), main: (csrf) => liftPage(request, { csrf, account, block }) });
    }
    if (account.status !== 'active') throw new AppError('CONFLICT', tr('customerRecords.abuse.notActive'));
    return sendConsolePage(kit, request, reply, { title: tr('customerRecords.abuse.title'), main: (csrf) => suspendPage(request, { csrf, account, ...state }) });
  };

  kit.route({
    method: 'GET', url: '/console/customers/:id/suspend', kind: 'page', auth: abuseManage, tags: ['customer-records', 'pages'],
    summary: 'The form to suspend an account for abuse, or to lift its suspension.',
    params: customerIdParams,
    responses: { 200: { description: 'HTML page' }, 404: { description: 'No such customer' }, 409: { description: 'The account is closed' } },
    handler: async ({ request, reply, params }) => sendForm(request, reply, params.id),
  });

  kit.route({
    method: 'POST', url: '/console/customers/:id/suspend', kind: 'page', auth: abuseManage, tags: ['customer-records', 'pages'],
    summary: 'Suspends an account for abuse: status suspended, sessions revoked, keyed hashes of its identifiers block new sign-ups, the customer is told.',
    params: customerIdParams,
    body: z.object({ category: z.enum(abuseCategories), note: z.string().trim().min(abuseNoteLength.min).max(abuseNoteLength.max) }),
    cardNumbers: { mask: ['note'] },
    responses: { 303: { description: 'Suspended' }, 400: { description: 'Form with errors' }, 404: { description: 'No such customer' }, 409: { description: 'The account is not active' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const id = customerIdParams.safeParse(request.params);
      if (!id.success) throw new AppError('NOT_FOUND', 'No such customer');
      const text = (name: string, max: number) => (typeof submitted[name] === 'string' ? (submitted[name] as string).slice(0, max) : undefined);
      return sendForm(request, reply, id.data.id, { category: text('category', 20), note: text('note', abuseNoteLength.max), errors: localiseSuspendErrors(t(request), errors, submitted) });
    },
    handler: async ({ request, reply, params, body }) => {
      await suspendAccountForAbuse(deps, contextOf(request, 'dpv:FraudPreventionAndDetection'), { accountId: params.id, category: body.category, note: body.note });
      return reply.redirect(`/console/customers/${params.id}?done=suspended`, 303);
    },
  });

  kit.route({
    method: 'POST', url: '/console/customers/:id/lift-suspension', kind: 'page', auth: abuseManage, tags: ['customer-records', 'pages'],
    summary: 'Lifts an abuse suspension: the account is active again and its sign-up blocks are deleted; the customer is told.',
    params: customerIdParams,
    responses: { 303: { description: 'Lifted' }, 404: { description: 'No such customer' }, 409: { description: 'The account is not suspended' } },
    handler: async ({ request, reply, params }) => {
      await liftAbuseSuspension(deps, contextOf(request, 'dpv:FraudPreventionAndDetection'), params.id);
      return reply.redirect(`/console/customers/${params.id}?done=lifted`, 303);
    },
  });
}
