import { z } from 'zod';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { confirmTwoFactor } from './confirm-two-factor.js';
import { describeTwoFactor } from './describe-two-factor.js';
import { disableTwoFactor } from './disable-two-factor.js';
import { regenerateRecoveryCodes } from './regenerate-recovery-codes.js';
import { securityAreas } from './security-area.js';
import { principalOf } from './security-principal.js';
import { startTwoFactor } from './start-two-factor.js';

const codeBody = z.object({ code: z.string().trim().min(1).max(40) });
const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/** Customer API for two-factor: status, set-up (start, confirm), turning off, new recovery codes. */
export function registerTwoFactorApi(kit: ServerKit): void {
  const { deps } = kit;
  const auth = securityAreas.account.twoFactorAuth;
  const url = '/api/v1/account/two-factor';
  const tags = ['account'];

  kit.route({
    method: 'GET', url, kind: 'api', auth, tags,
    summary: 'Whether two-factor sign-in is on, and how many recovery codes are left.',
    responses: { 200: { description: 'Status', schema: z.object({ enabled: z.boolean(), enabledAt: z.iso.datetime().nullable(), pending: z.boolean(), unusedRecoveryCodes: z.number().int() }) } },
    handler: async ({ request }) => {
      const status = await describeTwoFactor(deps, principalOf(request, 'account'));
      return { enabled: status.enabled, enabledAt: status.enabledAt?.toISOString() ?? null, pending: status.pending !== null, unusedRecoveryCodes: status.unusedRecoveryCodes };
    },
  });

  kit.route({
    method: 'POST', url, kind: 'api', auth, tags, body: z.object({}).optional(),
    summary: 'Starts set-up: a new secret for the authenticator app; confirm it with a code.',
    responses: { 201: { description: 'The secret and its otpauth URI', schema: z.object({ secret: z.string(), otpauthUri: z.string() }) } },
    handler: async ({ request, reply }) => {
      const pending = await startTwoFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, 'account'));
      return reply.status(201).send({ secret: pending.secret, otpauthUri: pending.otpauthUri });
    },
  });

  kit.route({
    method: 'POST', url: `${url}/confirm`, kind: 'api', auth, tags, body: codeBody,
    summary: 'Turns two-factor on with a code from the authenticator; answers the recovery codes, once.',
    responses: { 200: { description: 'Two-factor is on', schema: recoveryCodes } },
    handler: async ({ request, body }) => ({ recoveryCodes: await confirmTwoFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, 'account'), body.code) }),
  });

  kit.route({
    method: 'DELETE', url, kind: 'api', auth, tags, body: z.object({ password: z.string().min(1).max(256) }),
    summary: 'Turns two-factor off; needs the current password.',
    responses: { 204: { description: 'Two-factor is off' } },
    handler: async ({ request, reply, body }) => {
      await disableTwoFactor(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, 'account'), body.password);
      return reply.status(204).send();
    },
  });

  kit.route({
    method: 'POST', url: `${url}/recovery-codes`, kind: 'api', auth, tags, body: codeBody,
    summary: 'Replaces the recovery codes; needs a current authenticator code.',
    responses: { 200: { description: 'The new codes, shown once', schema: recoveryCodes } },
    handler: async ({ request, body }) => ({ recoveryCodes: await regenerateRecoveryCodes(deps, contextOf(request, 'dpv:IdentityAuthentication'), principalOf(request, 'account'), body.code) }),
  });
}
