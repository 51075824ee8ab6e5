import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerKit } from '../http/server-kit.js';
import { supportedLocales } from './i18n.js';

/**
 * The language a visitor chose explicitly. A strictly necessary preference cookie (it only
 * remembers a choice the visitor made); nothing about it is stored on the server.
 */
export const languageCookie = 'custodian_lang';
const oneYearSeconds = 365 * 24 * 60 * 60;

function supported(value: unknown): string | undefined {
  return typeof value === 'string' && supportedLocales.includes(value) ? value : undefined;
}

/**
 * Order of precedence: `?lang=de|en` on this request (and remembered in the cookie), then a
 * signed-in customer's account locale, then the cookie, then Accept-Language (negotiated earlier).
 */
export function applyLanguagePreference(request: FastifyRequest, reply: FastifyReply, secureCookies: boolean): void {
  const asked = supported((request.query as Record<string, unknown> | undefined)?.lang);
  if (asked) {
    request.locale = asked;
    reply.setCookie(languageCookie, asked, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: oneYearSeconds });
    return;
  }
  if (request.account) return;
  const remembered = supported(request.cookies?.[languageCookie]);
  if (remembered) request.locale = remembered;
}

/** Runs after the server's own onRequest hook (Accept-Language and principals), so it can override both. */
export function registerLanguagePreference(kit: ServerKit): void {
  const secure = kit.deps.config.http.secureCookies;
  kit.app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/') || request.url === '/healthz') return;
    applyLanguagePreference(request, reply, secure);
  });
}
