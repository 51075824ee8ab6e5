import { z } from 'zod';
import { csrfToken, type ServerKit } from './server-kit.js';

export function registerCsrfRoutes(kit: ServerKit): void {
  kit.route({
    method: 'GET', url: '/api/v1/csrf', kind: 'api', auth: { kind: 'public' }, tags: ['session'],
    summary: 'A CSRF token for this browser: send it as x-csrf-token (or _csrf in forms) on every unsafe request.',
    responses: { 200: { description: 'Token', schema: z.object({ token: z.string() }) } },
    handler: async ({ request, reply }) => ({ token: csrfToken(kit, request, reply) }),
  });
}
