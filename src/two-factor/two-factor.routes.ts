import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../errors/app-error.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { confirmTwoFactor } from './confirm-two-factor.js';
import { describeTwoFactor } from './describe-two-factor.js';
import { disableTwoFactor } from './disable-two-factor.js';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes.js';
import { localiseErrors, qrCodeDataUri, securityAreas, sendHtml, type SecurityArea } from './security-area.js';
import { principalOf, requirePassedSecondFactor } from './security-principal.js';
import { registerSecondFactorRoutes } from './second-factor.routes.js';
import { registerSessionRoutes } from './sessions.routes.js';
import { startTwoFactor } from './start-two-factor.js';
import { registerTwoFactorApi } from './two-factor-api.routes.js';
import { renderRecoveryCodesPage, renderTwoFactorPage } from './two-factor.pages.js';

/** Two-factor, second-factor sign-in step, sessions and recent sign-ins, for customers and staff. */
export function registerTwoFactorRoutes(kit: ServerKit): void {
  for (const area of Object.values(securityAreas)) {
    registerTwoFactorPages(kit, area);
    registerSecondFactorRoutes(kit, area);
    registerSessionRoutes(kit, area);
  }
  registerTwoFactorApi(kit);
}

const codeBody = z.object({ code: z.string().trim().min(1).max(40) });
const passwordBody = z.object({ password: z.string().min(1).max(256) });
const doneQuery = z.object({ done: z.enum(['disabled']).optional() });
const html200 = { 200: { description: 'HTML page' } };

function registerTwoFactorPages(kit: ServerKit, area: SecurityArea): void {
  const { deps } = kit;
  const base = area.paths.twoFactor;
  const tags = [area.kind === 'staff' ? 'console' : 'pages'];

  async function statusPage(request: FastifyRequest, reply: FastifyReply, extras: { errors?: FieldError[]; notice?: string } = {}) {
    const who = principalOf(request, area.kind);
    requirePassedSecondFactor(who);
    const status = await describeTwoFactor(deps, who);
    const qr = status.pending ? await qrCodeDataUri(status.pending.otpauthUri) : null;
    return sendHtml(reply, renderTwoFactorPage({ request, area, csrfToken: csrfToken(kit, request, reply), status, qrDataUri: qr, errors: extras.errors ? localiseErrors(request, extras.errors) : undefined, notice: extras.notice }));
  }

  /** A wrong code or password re-renders the page with the field error; other errors go on. */
  async function orRerender(request: FastifyRequest, reply: FastifyReply, work: () => Promise<unknown>) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.fieldErrors.length > 0) {
        reply.status(400);
        return statusPage(request, reply, { errors: [...error.fieldErrors] });
      }
      throw error;
    }
  }

  const onInvalid = async ({ request, reply, errors }: { request: FastifyRequest; reply: FastifyReply; errors: FieldError[] }) => statusPage(request, reply, { errors });

  kit.route({
    method: 'GET', url: base, kind: 'page', auth: area.twoFactorAuth, tags, query: doneQuery,
    summary: 'Two-factor sign-in: status, set-up and management.',
    responses: html200,
    handler: async ({ request, reply, query }) => statusPage(request, reply, { notice: query.done === 'disabled' ? t(request)('twoFactor.disabledNotice') : undefined }),
  });

  kit.route({
    method: 'POST', url: `${base}/start`, kind: 'page', auth: area.twoFactorAuth, tags, body: z.object({}),
    summary: 'Starts two-factor set-up with a new secret; the page then shows its QR code.',
    responses: { 303: { description: 'To the set-up page with the QR code' } },
    handler: async ({ request, reply }) => {
      await startTwoFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, area.kind));
      return reply.redirect(base, 303);
    },
  });

  kit.route({
    method: 'POST', url: `${base}/confirm`, kind: 'page', auth: area.twoFactorAuth, tags, body: codeBody, onInvalid,
    summary: 'Confirms set-up with a code from the authenticator and shows the recovery codes once.',
    responses: { ...html200, 400: { description: 'The form again, with the error' } },
    handler: async ({ request, reply, body }) => orRerender(request, reply, async () => {
      const codes = await confirmTwoFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, area.kind), body.code);
      return sendHtml(reply, renderRecoveryCodesPage(request, area, csrfToken(kit, request, reply), codes, true));
    }),
  });

  kit.route({
    method: 'POST', url: `${base}/disable`, kind: 'page', auth: area.twoFactorAuth, tags, body: passwordBody, onInvalid,
    summary: 'Turns two-factor sign-in off; needs the current password.',
    responses: { 303: { description: 'Back to the two-factor page' }, 400: { description: 'The form again, with the error' } },
    handler: async ({ request, reply, body }) => orRerender(request, reply, async () => {
      await disableTwoFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, area.kind), body.password);
      return reply.redirect(`${base}?done=disabled`, 303);
    }),
  });

  kit.route({
    method: 'POST', url: `${base}/recovery-codes`, kind: 'page', auth: area.twoFactorAuth, tags, body: codeBody, onInvalid,
    summary: 'Replaces the recovery codes; needs a current authenticator code.',
    responses: { ...html200, 400: { description: 'The form again, with the error' } },
    handler: async ({ request, reply, body }) => orRerender(request, reply, async () => {
      const codes = await regenerateRecoveryCodes(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, area.kind), body.code);
      return sendHtml(reply, renderRecoveryCodesPage(request, area, csrfToken(kit, request, reply), codes, false));
    }),
  });
}
