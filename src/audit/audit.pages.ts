import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { field, hiddenCsrf, t } from '../http/layout.js';
import type { AuditRow } from './audit.store.js';
import type { ChainVerdict } from './verify-audit-chain.js';

export interface AuditPageState {
  readonly csrf: string;
  readonly rows: readonly AuditRow[];
  readonly subjectId?: string;
  readonly nextBeforeSeq: number | null;
  readonly verdict?: ChainVerdict;
}

export function auditPage(request: FastifyRequest, state: AuditPageState): SafeHtml {
  const tr = t(request);
  const filter = state.subjectId ? `&subjectId=${encodeURIComponent(state.subjectId)}` : '';
  return html`${state.verdict ? verdictNotice(request, state.verdict) : ''}<p>${tr('audit.intro')}</p>
<form method="post" action="/console/audit/verify">${hiddenCsrf(state.csrf)}<button type="submit" class="secondary">${tr('audit.verify')}</button></form>
<form method="get" action="/console/audit"><fieldset><legend>${tr('audit.filterLegend')}</legend>
${field({ name: 'subjectId', label: tr('audit.subjectFilter'), value: state.subjectId, autocomplete: 'off' })}
<p class="actions"><button type="submit">${tr('audit.filter')}</button></p></fieldset></form>
${state.rows.length === 0 ? html`<p>${tr('audit.empty')}</p>` : html`<table>
<caption>${tr('audit.caption')}</caption>
<thead><tr><th scope="col">${tr('audit.seq')}</th><th scope="col">${tr('audit.time')}</th><th scope="col">${tr('audit.actor')}</th><th scope="col">${tr('audit.action')}</th><th scope="col">${tr('audit.subject')}</th><th scope="col">${tr('audit.purpose')}</th></tr></thead>
<tbody>${state.rows.map((row) => html`<tr><td>${row.seq}</td><td><time datetime="${row.occurred_at.toISOString()}">${row.occurred_at.toISOString().slice(0, 19).replace('T', ' ')} UTC</time></td><td>${row.actor_type}${row.actor_id ? html` <code>${row.actor_id}</code>` : ''}</td><td><code>${row.action}</code></td><td>${row.subject_id ? html`<a href="/console/audit?subjectId=${row.subject_id}"><code>${row.subject_id}</code></a>` : ''}</td><td>${row.purpose}</td></tr>`)}</tbody>
</table>`}
<p class="actions">${state.nextBeforeSeq !== null ? html`<a href="/console/audit?beforeSeq=${state.nextBeforeSeq}${filter}">${tr('audit.older')}</a> ` : ''}<a href="/console/audit${filter ? `?${filter.slice(1)}` : ''}">${tr('audit.newest')}</a></p>`;
}

function verdictNotice(request: FastifyRequest, verdict: ChainVerdict): SafeHtml {
  const tr = t(request);
  if (verdict.ok) return html`<div class="notice" role="status">${tr('audit.verifyOk', { entries: verdict.entries })}</div>`;
  return html`<div class="warning" role="alert">${tr('audit.verifyBad', { seq: verdict.firstBadSeq, problem: verdict.problem, entries: verdict.entries })}</div>`;
}
