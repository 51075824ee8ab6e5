import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../http/app-deps.js';
import { html, type SafeHtml } from '../http/html.js';
import { t } from '../http/layout.js';
import { pendingAcceptance } from './policy-versions.store.js';

/** A banner for account pages while a version waits for this customer's acceptance; empty otherwise. */
export async function acceptanceBanner(deps: Pick<AppDeps, 'db'>, request: FastifyRequest, accountId: string): Promise<SafeHtml> {
  const pending = await pendingAcceptance(deps.db, accountId);
  if (!pending) return html``;
  const tr = t(request);
  return html`<div class="warning" role="region" aria-label="${tr('policy.accept.title')}"><p>${tr('policy.banner')} <a href="/account/policy">${tr('policy.banner.link')}</a></p></div>`;
}
