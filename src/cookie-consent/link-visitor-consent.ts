import type { FastifyRequest } from 'fastify';
import { linkBrowserToSubject } from '../consent/record-consent.js';
import { inTransaction } from '../context/request-context.js';
import type { AppDeps } from '../http/app-deps.js';
import { contextOf } from '../http/server-kit.js';
import { choiceCookieName, parseChoice } from './consent-choice.js';

/**
 * After a customer has fully signed in (password and, when enrolled, the second factor), the
 * cookie choices made from this browser become theirs in the ledger. Never at the password step
 * alone: a stranger who knows only the password must not attach their choices to someone else.
 */
export async function linkVisitorConsent(deps: AppDeps, request: FastifyRequest, signedIn: { accountId: string; subjectId: string }): Promise<void> {
  const choice = parseChoice(request.cookies[choiceCookieName]);
  if (!choice) return;
  const base = { ...contextOf(request, 'dpv:LegalCompliance'), actor: { type: 'customer' as const, id: signedIn.accountId } };
  await inTransaction(deps.db, base, (ctx) => linkBrowserToSubject(ctx, choice.browserId, signedIn.subjectId));
}
