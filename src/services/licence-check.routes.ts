import { z } from 'zod';
import { contextOf, type ServerKit } from '../http/server-kit.js';
import { checkLicence } from './check-licence.js';
import { licenceCheckResults } from './services.tables.js';

/** Per caller IP; a licensed server checks a few times a day, so this only stops guessing. */
export const licenceCheckLimit = { scope: 'licence-check', limit: 60, window: 'PT1H' } as const;

const body = z.object({
  licenceId: z.string().trim().min(1).max(64),
  serverIp: z.string().trim().min(1).max(64),
  version: z.string().trim().min(1).max(32).regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, 'a version such as 2.4.1'),
});

/** The endpoint the licensed software calls; no cookie, no CSRF token, so it is exempt from CSRF. */
export function registerLicenceCheckRoutes(kit: ServerKit): void {
  const { deps } = kit;
  kit.route({
    method: 'POST', url: '/api/v1/licences/check', kind: 'api', auth: { kind: 'public' }, csrf: false, tags: ['services', 'licences'],
    summary: 'For licensed software: is this licence valid on this server? An unknown licence and a wrong server get the same answer. Every check of a licence is recorded as usage data of its holder.',
    body,
    rateLimit: licenceCheckLimit,
    responses: {
      200: { description: 'The verdict', schema: z.object({ valid: z.boolean(), reason: z.enum(licenceCheckResults).optional() }) },
      400: { description: 'Missing or malformed licenceId, serverIp or version' },
      429: { description: 'Too many checks from this address' },
      503: { description: 'The vendor\'s licence server did not answer; try again later' },
    },
    handler: async ({ request, reply, body: input }) => {
      const answer = await checkLicence(deps, contextOf(request, 'dpv:ServiceProvision'), { licenceId: input.licenceId, serverIp: input.serverIp, version: input.version, callerIp: request.ip });
      return reply.header('cache-control', 'no-store').send(answer);
    },
  });
}
