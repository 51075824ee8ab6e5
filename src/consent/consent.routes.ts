import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../accounts/account-forms.js';
import { inTransaction } from '../context/request-context.js';
import { AppError } from '../errors/app-error.js';
import { userAgentFamily } from '../http/client-info.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { consentChannels } from './consent.tables.js';
import { currentConsentNotice } from './consent-notice.js';
import { marketingChoices, marketingPurposeIris } from './consent-purposes.js';
import { confirmEmailChoices, openEmailConfirmation } from './confirm-email-choices.js';
import { exportConsentRecords } from './export-consent-records.js';
import { renderConfirmPage, renderPrivacyChoicesPage } from './consent.pages.js';
import { readMarketingChoices } from './read-marketing-choices.js';
import { saveMarketingChoices, withdrawAllMarketing } from './save-marketing-choices.js';
import { registerUnsubscribeRoutes } from './unsubscribe.routes.js';

const tick = z.literal('yes').optional();
const choicesForm = z.object({ action: z.enum(['save', 'withdraw_all']).default('save'), ...Object.fromEntries(marketingChoices.map((c) => [c.field, tick])) }) as z.ZodType<{ action: 'save' | 'withdraw_all' } & Record<string, string | undefined>>;
const resultQuery = z.object({ result: z.enum(['saved', 'pending', 'withdrawn']).optional() });
const choiceSchema = z.object({ purpose: z.enum(marketingPurposeIris as [string, ...string[]]), channel: z.enum(consentChannels), given: z.boolean() });
const putBody = z.object({ choices: z.array(choiceSchema).min(1).max(marketingChoices.length) });
const stateSchema = z.object({ purpose: z.string(), channel: z.enum(consentChannels), given: z.boolean(), reason: z.string(), recordId: z.string().nullable() });
const choicesResponse = z.object({ noticeVersion: z.string(), choices: z.array(stateSchema) });
const tokenBody = z.object({ token: z.string().min(1).max(1200) });

/** Marketing and profiling choices in the account area and API, double opt-in, one-click unsubscribe. */
export function registerConsentRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const notice = () => currentConsentNotice(deps.db, deps.config.retention, deps.now());
  const ua = (request: FastifyRequest) => userAgentFamily(request.headers['user-agent']);

  const showChoices = async (request: FastifyRequest, reply: FastifyReply, subjectId: string, message?: string) => {
    const states = await readMarketingChoices(deps.db, subjectId, deps.now());
    const given = new Set(states.filter((s) => s.state.allowed).map((s) => s.field));
    return sendPage(reply, renderPrivacyChoicesPage(request, csrfToken(kit, request, reply), { given, noticeVersion: (await notice()).version, ...(message ? { message } : {}) }));
  };

  kit.route({
    method: 'GET', url: '/account/privacy', kind: 'page', auth: { kind: 'account' }, tags: ['consent'],
    summary: 'Marketing and profiling choices per channel; none is ticked without recorded consent.',
    query: resultQuery,
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, account, query }) => {
      const tr = t(request);
      const message = query.result === 'saved' ? tr('privacyChoices.saved') : query.result === 'pending' ? tr('privacyChoices.pendingEmail') : query.result === 'withdrawn' ? tr('privacyChoices.withdrawnAll') : undefined;
      return showChoices(request, reply, account!.subjectId, message);
    },
  });

  kit.route({
    method: 'POST', url: '/account/privacy', kind: 'page', auth: { kind: 'account' }, tags: ['consent'],
    summary: 'Records given or withdrawn for each changed choice; email choices wait for the double opt-in link. "Withdraw all" withdraws everything.',
    body: choicesForm,
    responses: { 303: { description: 'Back to the choices' }, 400: { description: 'The form, unchanged' } },
    onInvalid: async ({ request, reply }) => showChoices(request, reply, request.account!.subjectId),
    handler: async ({ request, reply, account, body }) => {
      const base = { accountId: account!.accountId, subjectId: account!.subjectId, method: 'account_form' as const, notice: await notice(), userAgentFamily: ua(request) };
      const outcome = await inTransaction(deps.db, contextOf(request, 'dpv:LegalCompliance'), (ctx) =>
        body.action === 'withdraw_all'
          ? withdrawAllMarketing(deps, ctx, base)
          : saveMarketingChoices(deps, ctx, { ...base, choices: marketingChoices.map((c) => ({ purpose: c.purpose, channel: c.channel, given: body[c.field] === 'yes' })) }));
      const result = body.action === 'withdraw_all' ? 'withdrawn' : outcome.pendingEmail.length > 0 ? 'pending' : 'saved';
      return reply.redirect(`/account/privacy?result=${result}`, 303);
    },
  });

  kit.route({
    method: 'GET', url: '/account/privacy/confirm', kind: 'page', auth: { kind: 'public' }, tags: ['consent'],
    summary: 'The double opt-in link: shows what would be confirmed and a button; following the link alone records nothing.',
    query: z.object({ token: z.string().max(1200).optional() }),
    responses: { 200: { description: 'HTML page' }, 400: { description: 'The link is invalid, expired or used' } },
    handler: async ({ request, reply, query }) => {
      const csrf = csrfToken(kit, request, reply);
      try {
        const pending = await openEmailConfirmation(deps, deps.db, query.token ?? '');
        return sendPage(reply, renderConfirmPage(request, csrf, { token: query.token ?? '', purposes: pending.purposes }));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'TOKEN_INVALID') throw error;
        return sendPage(reply.status(400), renderConfirmPage(request, csrf, { message: t(request)('privacyChoices.confirm.invalid') }));
      }
    },
  });

  kit.route({
    method: 'POST', url: '/account/privacy/confirm', kind: 'page', auth: { kind: 'public' }, tags: ['consent'],
    summary: 'Confirms email choices from the double opt-in link: records consent given (method double_opt_in).',
    body: tokenBody,
    rateLimit: { scope: 'consent-confirm', limit: 30, window: 'PT1H' },
    responses: { 200: { description: 'Confirmed' }, 400: { description: 'The link is invalid, expired or used; nothing recorded' } },
    handler: async ({ request, reply, body }) => {
      const csrf = csrfToken(kit, request, reply);
      try {
        const currentNotice = await notice();
        await inTransaction(deps.db, contextOf(request, 'dpv:LegalCompliance'), (ctx) => confirmEmailChoices(deps, ctx, body.token, currentNotice, ua(request)));
        return sendPage(reply, renderConfirmPage(request, csrf, { message: t(request)('privacyChoices.confirm.done') }));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'TOKEN_INVALID') throw error;
        return sendPage(reply.status(400), renderConfirmPage(request, csrf, { message: t(request)('privacyChoices.confirm.invalid') }));
      }
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/account/consents', kind: 'api', auth: { kind: 'account' }, tags: ['consent'],
    summary: 'The signed-in customer\'s marketing and profiling choices per channel, from the consent ledger.',
    responses: { 200: { description: 'Choices', schema: choicesResponse } },
    handler: async ({ account }) => {
      const states = await readMarketingChoices(deps.db, account!.subjectId, deps.now());
      return { noticeVersion: (await notice()).version, choices: states.map((s) => ({ purpose: s.purpose, channel: s.channel, given: s.state.allowed, reason: s.state.reason, recordId: s.state.recordId })) };
    },
  });

  kit.route({
    method: 'PUT', url: '/api/v1/account/consents', kind: 'api', auth: { kind: 'account' }, tags: ['consent'],
    summary: 'Gives or withdraws the listed choices (method api); email choices are confirmed by the emailed double opt-in link.',
    body: putBody,
    responses: { 200: { description: 'Records written and email choices waiting for confirmation', schema: z.object({ recordIds: z.array(z.string()), pendingConfirmation: z.array(z.object({ purpose: z.string(), channel: z.literal('email') })) }) } },
    handler: async ({ request, account, body }) => {
      const currentNotice = await notice();
      const outcome = await inTransaction(deps.db, contextOf(request, 'dpv:LegalCompliance'), (ctx) =>
        saveMarketingChoices(deps, ctx, { accountId: account!.accountId, subjectId: account!.subjectId, method: 'api', notice: currentNotice, userAgentFamily: ua(request), choices: body.choices }));
      return { recordIds: outcome.recordIds, pendingConfirmation: outcome.pendingEmail.map((purpose) => ({ purpose, channel: 'email' as const })) };
    },
  });

  kit.route({
    method: 'GET', url: '/api/v1/account/consents/export', kind: 'api', auth: { kind: 'account' }, tags: ['consent'],
    summary: 'Every consent record of the signed-in customer as ISO/IEC TS 27560 records (DPV profile), newest first.',
    responses: { 200: { description: 'ISO/IEC TS 27560 consent records' } },
    handler: async ({ account }) => exportConsentRecords(deps.db, deps.config, account!.subjectId),
  });

  registerUnsubscribeRoutes(kit);
}
