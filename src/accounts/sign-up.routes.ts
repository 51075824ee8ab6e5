import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { setSessionCookie } from '../auth/session-cookies.js';
import { userAgentFamily } from '../http/client-info.js';
import { t } from '../http/layout.js';
import { contextOf, csrfToken, type ServerKit } from '../http/server-kit.js';
import { countrySchema, emailSchema, formCountrySchema, localiseFieldErrors, nameSchema, passwordSchema, sendPage, stringField, submitForm } from './account-forms.js';
import { minimumAgeFor } from './minimum-age.js';
import { renderSignUpPage, type SignUpFormState } from './sign-up.pages.js';
import { signUp, type SignUpInput } from './sign-up.js';

/** Per IP: enough for a household or office, too few for scripted mass sign-ups. */
const signUpRateLimit = { scope: 'sign-up', limit: 30, window: 'PT1H' } as const;

const signUpForm = z.object({
  email: emailSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  password: passwordSchema,
  country: formCountrySchema,
  minimumAgeConfirmed: z.literal('yes'),
});

const signUpJson = z.object({
  email: emailSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  password: passwordSchema,
  country: countrySchema.nullable().optional(),
  minimumAgeConfirmed: z.boolean().describe('The person confirms the minimum age of their country (or the default).'),
});

export function registerSignUpRoutes(kit: ServerKit): void {
  const { deps } = kit;
  const page = (request: FastifyRequest, reply: FastifyReply, state: SignUpFormState) =>
    sendPage(reply, renderSignUpPage(request, deps.config, csrfToken(kit, request, reply), state));
  const input = (request: FastifyRequest, body: Omit<SignUpInput, 'locale' | 'userAgentFamily'>): SignUpInput => ({ ...body, locale: request.locale, userAgentFamily: userAgentFamily(request.headers['user-agent']) });

  kit.route({
    method: 'GET', url: '/sign-up', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Sign-up form; ?country=XX shows that country\'s minimum age.',
    query: z.object({ country: formCountrySchema.catch(undefined) }),
    responses: { 200: { description: 'HTML page' }, 303: { description: 'Already signed in: to the account' } },
    handler: async ({ request, reply, query }) => {
      if (request.account) return reply.redirect('/account', 303);
      return page(request, reply, { values: { country: query.country } });
    },
  });

  kit.route({
    method: 'POST', url: '/sign-up', kind: 'page', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Creates an account, signs the browser in and emails a verification link.',
    body: signUpForm,
    rateLimit: signUpRateLimit,
    responses: { 303: { description: 'To /verify-email/pending' }, 400: { description: 'The form with errors' } },
    onInvalid: async ({ request, reply, errors, submitted }) => {
      const country = stringField(submitted, 'country').toUpperCase();
      const age = minimumAgeFor(deps.config, country || null);
      const values = { email: stringField(submitted, 'email'), firstName: stringField(submitted, 'firstName'), lastName: stringField(submitted, 'lastName'), country };
      return page(request, reply, { values, errors: localiseFieldErrors(t(request), errors, { age }) });
    },
    handler: async ({ request, reply, body }) => {
      const values = { email: body.email, firstName: body.firstName, lastName: body.lastName, country: body.country };
      return submitForm(reply, async () => {
        const result = await signUp(deps, contextOf(request, 'dpv:AccountManagement'), input(request, { ...body, country: body.country || null, minimumAgeConfirmed: body.minimumAgeConfirmed === 'yes' }));
        setSessionCookie(reply, 'account', result.sessionToken, result.expiresAt, deps.config.http.secureCookies);
        return reply.redirect('/verify-email/pending', 303);
      }, async (errors, formError) => page(request, reply, { values, errors, formError }));
    },
  });

  kit.route({
    method: 'POST', url: '/api/v1/accounts', kind: 'api', auth: { kind: 'public' }, tags: ['accounts'],
    summary: 'Creates an account and signs in (session cookie); the address must then be verified by the emailed link. The answer is the same when the address is already registered.',
    body: signUpJson,
    rateLimit: signUpRateLimit,
    responses: { 202: { description: 'Accepted; a verification email is on its way', schema: z.object({ status: z.literal('verification_pending') }) } },
    handler: async ({ request, reply, body }) => {
      const result = await signUp(deps, contextOf(request, 'dpv:AccountManagement'), input(request, { ...body, country: body.country ?? null }));
      setSessionCookie(reply, 'account', result.sessionToken, result.expiresAt, deps.config.http.secureCookies);
      return reply.status(202).send({ status: 'verification_pending' as const });
    },
  });
}
