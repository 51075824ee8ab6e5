import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import { noticeMain } from '../privacy-notice/privacy-notice.pages.js';
import { changeSections, type LineChange, type PolicyChanges, type SectionDiff } from './compare-versions.js';
import { snapshotNoticeInput, type PolicySnapshot } from './policy-snapshot.js';
import type { PolicyVersionSummary } from './policy-versions.store.js';

export const sectionLabel = (tr: Translate, s: (typeof changeSections)[number]) => tr(`policy.section.${s}`);

export function changedSummary(tr: Translate, changes: unknown): string {
  const c = changes as PolicyChanges;
  if (c.baseline) return tr('policy.versions.baseline');
  return c.changed.length === 0 ? '—' : c.changed.map((s) => sectionLabel(tr, s)).join(', ');
}

export function versionsListMain(request: FastifyRequest, versions: readonly PolicyVersionSummary[], inForce: number | null): SafeHtml {
  const tr = t(request);
  if (versions.length === 0) return html`<p>${tr('policy.versions.none')}</p>`;
  return html`<p>${tr('policy.versions.intro')}</p>
<table><caption>${tr('policy.versions.caption')}</caption>
<thead><tr><th scope="col">${tr('policy.col.version')}</th><th scope="col">${tr('policy.col.effective')}</th><th scope="col">${tr('policy.col.changed')}</th></tr></thead>
<tbody>${versions.map((v) => html`<tr><td><a href="/privacy/versions/${v.version}">${tr('policy.version.title', { version: v.version })}</a>${v.version === inForce ? html` <strong class="badge">${tr('policy.versions.inForce')}</strong>` : ''}</td>
<td>${v.effectiveDate}</td><td>${changedSummary(tr, v.changes)}${v.version > 1 ? html` <a href="/privacy/versions/diff?from=${v.version - 1}&amp;to=${v.version}">${tr('policy.versions.compare')}</a>` : ''}</td></tr>`)}</tbody></table>`;
}

export function versionMain(request: FastifyRequest, version: PolicyVersionSummary, snapshot: PolicySnapshot): SafeHtml {
  const tr = t(request);
  return html`<p class="notice">${tr('policy.version.effective', { date: version.effectiveDate })} <a href="/privacy/versions">${tr('policy.version.all')}</a></p>
${noticeMain(snapshotNoticeInput(snapshot, tr, request.locale ?? 'en'))}`;
}

function sectionDiff(tr: Translate, id: string, title: string, d: SectionDiff): SafeHtml {
  const list = (label: string, items: readonly string[], cls: string) => (items.length === 0 ? '' : html`<h4>${label}</h4><ul class="${cls}">${items.map((i) => html`<li>${i}</li>`)}</ul>`);
  const empty = d.added.length + d.removed.length + d.changed.length === 0;
  return html`<section id="diff-${id}" aria-labelledby="diff-${id}-title"><h3 id="diff-${id}-title">${title}</h3>
${empty ? html`<p>${tr('policy.diff.none')}</p>` : html`${list(tr('policy.diff.added'), d.added, 'diff-added')}${list(tr('policy.diff.removed'), d.removed, 'diff-removed')}${list(tr('policy.diff.changed'), d.changed, 'diff-changed')}`}</section>`;
}

/** Changed lines with one line of context either side; long unchanged stretches collapse to "…". */
function textDiff(lines: readonly LineChange[]): SafeHtml {
  const keep = lines.map((l, i) => l.op !== 'same' || lines[i - 1]?.op !== undefined && lines[i - 1]!.op !== 'same' || lines[i + 1] !== undefined && lines[i + 1]!.op !== 'same');
  const out: SafeHtml[] = [];
  lines.forEach((line, i) => {
    if (!keep[i]) {
      if (keep[i - 1]) out.push(html`<li class="diff-gap">…</li>`);
      return;
    }
    if (line.op === 'added') out.push(html`<li class="diff-added"><span aria-hidden="true">+ </span><ins>${line.text}</ins></li>`);
    else if (line.op === 'removed') out.push(html`<li class="diff-removed"><span aria-hidden="true">− </span><del>${line.text}</del></li>`);
    else out.push(html`<li class="diff-same"><span aria-hidden="true">&nbsp; </span>${line.text}</li>`);
  });
  return html`<ul class="line-diff">${out}</ul>`;
}

export function diffMain(request: FastifyRequest, changes: PolicyChanges, lines: readonly LineChange[]): SafeHtml {
  const tr = t(request);
  return html`<h2>${tr('policy.diff.sections')}</h2>
${changeSections.map((s) => sectionDiff(tr, s, sectionLabel(tr, s), changes.sections[s]))}
<h2>${tr('policy.diff.text')}</h2><p>${tr('policy.diff.textIntro')}</p>
${textDiff(lines)}
<p><a href="/privacy/versions">${tr('policy.version.all')}</a></p>`;
}
