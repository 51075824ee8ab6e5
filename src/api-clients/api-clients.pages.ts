import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../errors/app-error.js';
import { html, type SafeHtml } from '../http/html.js';
import { errorSummary, field, hiddenCsrf, notice, t } from '../http/layout.js';
import { apiScopes } from './api-clients.tables.js';
import type { ApiClientView } from './manage-api-clients.js';

export interface ApiClientsPageState {
  readonly clients: readonly ApiClientView[];
  /** The new key, shown exactly once after creating it. */
  readonly newKey?: string;
  readonly revoked?: boolean;
  readonly errors?: readonly FieldError[];
  readonly submittedName?: string;
}

export function apiClientsMain(request: FastifyRequest, csrf: string, state: ApiClientsPageState): SafeHtml {
  const tr = t(request);
  const created = state.newKey ? html`<div class="notice" role="status"><p>${tr('apiClients.created')}</p><p><code class="secret">${state.newKey}</code></p></div>` : html``;
  const rows = state.clients.map((c) => html`<tr>
<td>${c.name}</td><td><code>ck_${c.keyPrefix}_…</code></td><td>${c.scopes.join(', ')}</td>
<td>${c.lastUsedAt ?? tr('apiClients.never')}</td>
<td>${c.revokedAt ? tr('apiClients.revoked') : html`${tr('apiClients.active')}
<form method="post" action="/console/api-clients/${c.id}/revoke">${hiddenCsrf(csrf)}<button type="submit">${tr('apiClients.revoke')}</button></form>`}</td>
</tr>`);
  const table = state.clients.length === 0 ? html`<p>${tr('apiClients.none')}</p>` : html`<table>
<thead><tr><th scope="col">${tr('apiClients.name')}</th><th scope="col">${tr('apiClients.prefix')}</th><th scope="col">${tr('apiClients.scopes')}</th><th scope="col">${tr('apiClients.lastUsed')}</th><th scope="col">${tr('apiClients.status')}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  return html`${errorSummary(request, state.errors)}${created}${notice(state.revoked ? tr('apiClients.revokedNotice') : undefined)}
<p>${tr('apiClients.intro')}</p>
${table}
<form method="post" action="/console/api-clients">
${hiddenCsrf(csrf)}
${field({ name: 'name', label: tr('apiClients.name'), value: state.submittedName ?? '', required: true, errors: state.errors })}
<fieldset><legend>${tr('apiClients.scopes')}</legend>
${apiScopes.map((scope) => html`<div class="field field-checkbox"><input id="scope-${scope}" type="checkbox" name="scopes" value="${scope}"><label for="scope-${scope}">${tr(`apiClients.scope.${scope}`)}</label></div>`)}
</fieldset>
<p class="actions"><button type="submit">${tr('apiClients.create')}</button></p>
</form>`;
}
