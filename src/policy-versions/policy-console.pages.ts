import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';
import { changedSummary } from './privacy-versions.pages.js';
import type { PolicyVersionSummary } from './policy-versions.store.js';

export interface PolicyConsoleState {
  readonly csrf: string;
  readonly versions: readonly PolicyVersionSummary[];
  readonly canPublish: boolean;
  readonly notice?: string;
  readonly form?: { readonly effectiveDate?: string; readonly requiresAcceptance?: boolean; readonly errors?: readonly FieldError[] };
}

/** Versions with their notification progress (told / total), and the publish form for privacy officers. */
export function policyConsoleMain(request: FastifyRequest, state: PolicyConsoleState): SafeHtml {
  const tr = t(request);
  const form = state.form ?? {};
  return html`${notice(state.notice)}
${state.versions.length === 0 ? html`<p>${tr('policy.versions.none')}</p>` : html`<table class="policy-versions"><caption>${tr('policy.versions.caption')}</caption>
<thead><tr><th scope="col">${tr('policy.col.version')}</th><th scope="col">${tr('policy.col.effective')}</th><th scope="col">${tr('policy.col.published')}</th><th scope="col">${tr('policy.col.changed')}</th><th scope="col">${tr('policy.col.notified')}</th><th scope="col">${tr('policy.col.status')}</th></tr></thead>
<tbody>${state.versions.map((v) => html`<tr data-version="${v.version}"><td><a href="/privacy/versions/${v.version}">${v.version}</a></td><td>${v.effectiveDate}</td><td>${v.publishedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
<td>${changedSummary(tr, v.changes)}</td><td class="progress">${v.notifyDone} / ${v.notifyTotal}</td><td class="status">${tr(`policy.status.${v.notifyStatus}`)}</td></tr>`)}</tbody></table>`}
${state.canPublish ? html`<section aria-labelledby="publish-title" class="panel"><h2 id="publish-title">${tr('policy.console.publishTitle')}</h2>
<p>${tr('policy.console.publishIntro')}</p>
${errorSummary(request, form.errors)}
<form method="post" action="/console/privacy/versions" novalidate>${hiddenCsrf(state.csrf)}
${field({ name: 'effectiveDate', label: tr('policy.console.effectiveDate'), hint: tr('policy.console.effectiveHint'), value: form.effectiveDate, errors: form.errors, required: true, autocomplete: 'off' })}
${field({ name: 'requiresAcceptance', label: tr('policy.console.requiresAcceptance'), type: 'checkbox', checked: form.requiresAcceptance ?? false })}
<p class="actions"><button type="submit">${tr('policy.console.publish')}</button></p></form></section>` : ''}`;
}
