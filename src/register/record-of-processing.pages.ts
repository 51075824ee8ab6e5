import type { Config } from '../config/load-config.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { html, type SafeHtml } from '../http/html.js';
import type { Translate } from '../i18n/i18n.js';
import { table, type NoticeSection } from '../privacy-notice/notice-model.js';
import { countryName, isEeaCountry } from './countries.js';
import { categoriesForPurpose, retentionLines } from './derive-from-datamap.js';
import { dpvLabel, dpvLabels } from './dpv-labels.js';
import { processorActivitiesOf, processorTransfers } from './processor-record.js';
import type { Register } from './register.schema.js';
import { utcMinutes } from './register-console.pages.js';

export interface RecordView {
  readonly register: Register;
  readonly declarations: readonly TableDeclaration[];
  readonly retention: Config['retention'];
  readonly tr: Translate;
  readonly locale: string;
  readonly now: Date;
}

/** One lettered element of a record, a level below the record's own heading. */
const section = (s: NoticeSection) => html`<section id="${s.id}" aria-labelledby="${s.id}-title"><h3 id="${s.id}-title">${s.title}</h3>${s.body}</section>`;
const mail = (address: string) => html`<a href="mailto:${address}">${address}</a>`;
const list = (items: readonly string[]) => html`<ul>${items.map((m) => html`<li>${m}</li>`)}</ul>`;

/** Art 30(1)(a)-(g): the record the provider keeps as controller. */
function controllerRecord({ register, declarations, retention, tr, locale }: RecordView): SafeHtml {
  const c = register.controller;
  const transfers = register.recipients.filter((r) => !isEeaCountry(r.country));
  const safeguard = (s: string | undefined) => (s ? tr(`register.safeguard.${s as 'adequacy-decision'}`) : tr('register.safeguard.none'));
  return html`${section({
    id: 'art30-1-a', title: tr('ropa.a.title'),
    body: html`<dl><dt>${tr('ropa.controller')}</dt><dd>${c.legalName}, ${c.registrationNumber}<br>${c.address}<br>${mail(c.email)}</dd>
<dt>${tr('ropa.representative')}</dt><dd>${c.representative ? html`${c.representative.name}, ${c.representative.address}, ${mail(c.representative.email)}` : tr('ropa.representativeNone')}</dd>
<dt>${tr('ropa.dpo')}</dt><dd>${c.dpo.name}, ${mail(c.dpo.email)}</dd></dl>`,
  })}
${section({
    id: 'art30-1-b', title: tr('ropa.b.title'),
    body: table(
      [tr('notice.col.purpose'), tr('ropa.col.processing'), tr('notice.col.basis'), tr('notice.interests.title')],
      register.purposes.map((p) => [html`${dpvLabel(tr, p.purpose)} <code>${p.purpose}</code>`, p.description, tr(`register.basis.${p.legalBasis}`), p.legitimateInterest ?? '']),
    ),
  })}
${section({
    id: 'art30-1-c', title: tr('ropa.c.title'),
    body: table(
      [tr('notice.col.purpose'), tr('ropa.col.subjects'), tr('ropa.col.data')],
      register.purposes.map((p) => [dpvLabel(tr, p.purpose), dpvLabels(tr, p.dataSubjects), dpvLabels(tr, categoriesForPurpose(p.purpose, declarations))]),
    ),
  })}
${section({
    id: 'art30-1-d', title: tr('ropa.d.title'),
    body: register.recipients.length === 0 ? html`<p>${tr('ropa.none')}</p>` : table(
      [tr('notice.col.name'), tr('notice.col.role'), tr('notice.col.function'), tr('notice.col.country'), tr('ropa.col.data'), tr('ropa.col.dpa')],
      register.recipients.map((r) => [r.name, tr(`register.kind.${r.kind}`), r.function, countryName(r.country, locale), dpvLabels(tr, r.dataCategories), r.dpaReference ?? '']),
    ),
  })}
${section({
    id: 'art30-1-e', title: tr('ropa.e.title'),
    body: transfers.length === 0 ? html`<p>${tr('notice.transfers.none')}</p>` : table(
      [tr('notice.col.name'), tr('notice.col.country'), tr('ropa.col.data'), tr('notice.col.safeguard')],
      transfers.map((r) => [r.name, countryName(r.country, locale), dpvLabels(tr, r.dataCategories), safeguard(r.safeguard)]),
    ),
  })}
${section({
    id: 'art30-1-f', title: tr('ropa.f.title'),
    body: table(
      [tr('notice.col.category'), tr('notice.col.heldIn'), tr('notice.col.purposes'), tr('notice.col.howLong'), tr('notice.col.afterErasure')],
      retentionLines(declarations, retention).map((line) => [
        dpvLabel(tr, line.category), line.tableDescription, dpvLabels(tr, line.purposes), line.retention,
        line.keep ? tr('notice.retention.kept', { period: line.keep.period, basis: tr(`register.basis.${line.keep.legalBasis}`), reason: line.keep.reason }) : tr('notice.retention.erased'),
      ]),
    ),
  })}
${section({
    id: 'art30-1-g', title: tr('ropa.g.title'),
    body: html`${list(register.securityMeasures)}<h4>${tr('notice.storage.title')}</h4>${table(
      [tr('notice.col.region'), tr('notice.col.country'), tr('notice.col.provider'), tr('notice.storage.backups')],
      register.storageLocations.map((s) => [s.region, s.country, s.provider, s.backups ? tr('register.yes') : tr('register.no')]),
    )}`,
  })}`;
}

/** Art 30(2)(a)-(d): the record the provider keeps as processor of its customers' hosted data. */
function processorRecord({ register, tr, locale }: RecordView): SafeHtml {
  const pa = processorActivitiesOf(register);
  if (!pa) return html`<p class="warning">${tr('ropa.p.missing')}</p>`;
  const c = register.controller;
  const transfers = processorTransfers(pa);
  const safeguard = (s: string | undefined) => (s ? tr(`register.safeguard.${s as 'adequacy-decision'}`) : tr('register.safeguard.none'));
  return html`<p>${tr('ropa.processor.intro')}</p>
${section({
    id: 'art30-2-a', title: tr('ropa.p.a.title'),
    body: html`<dl><dt>${tr('ropa.p.processor')}</dt><dd>${c.legalName}, ${c.address}, ${mail(c.email)}</dd>
<dt>${tr('ropa.p.controllers')}</dt><dd>${pa.controllers}</dd>
<dt>${tr('ropa.dpo')}</dt><dd>${c.dpo.name}, ${mail(c.dpo.email)}</dd></dl>`,
  })}
${section({
    id: 'art30-2-b', title: tr('ropa.p.b.title'),
    body: html`${table(
      [tr('ropa.col.processing'), tr('notice.col.function'), tr('ropa.col.subjects'), tr('ropa.col.data')],
      pa.activities.map((a) => [a.name, a.description, a.dataSubjects, a.dataCategories]),
    )}<h4>${tr('ropa.p.subProcessors')}</h4>${pa.subProcessors.length === 0 ? html`<p>${tr('ropa.none')}</p>` : table(
      [tr('notice.col.name'), tr('notice.col.function'), tr('notice.col.country'), tr('ropa.col.processing'), tr('ropa.col.dpa')],
      pa.subProcessors.map((s) => [s.name, s.function, countryName(s.country, locale), s.activities.map((id) => pa.activities.find((a) => a.id === id)?.name ?? id).join(', '), s.dpaReference]),
    )}`,
  })}
${section({
    id: 'art30-2-c', title: tr('ropa.p.c.title'),
    body: transfers.length === 0 ? html`<p>${tr('notice.transfers.none')}</p>` : table(
      [tr('notice.col.name'), tr('notice.col.country'), tr('notice.col.safeguard')],
      transfers.map((s) => [s.name, countryName(s.country, locale), safeguard(s.safeguard)]),
    ),
  })}
${section({ id: 'art30-2-d', title: tr('ropa.p.d.title'), body: list(pa.securityMeasures) })}`;
}

/** The printable record of processing activities: both records, one after the other. */
export function recordOfProcessingMain(view: RecordView): SafeHtml {
  const { tr } = view;
  return html`<p>${tr('ropa.intro')}</p>
<p>${tr('ropa.generated', { date: utcMinutes(view.now) })}</p>
<div class="no-print"><p>${tr('ropa.exports')}</p><ul>
<li><a href="/api/v1/register/record-of-processing.json">${tr('ropa.jsonld')}</a></li>
<li><a href="/api/v1/register/record-of-processing.csv">${tr('ropa.csv')}</a></li>
<li><a href="/api/v1/register/processor-record.csv">${tr('ropa.csvProcessor')}</a></li>
</ul></div>
<section id="art30-1" class="record" aria-labelledby="art30-1-title"><h2 id="art30-1-title">${tr('ropa.controllerRecord')}</h2>
${controllerRecord(view)}
</section>
<section id="art30-2" class="record" aria-labelledby="art30-2-title"><h2 id="art30-2-title">${tr('ropa.processorRecord')}</h2>
${processorRecord(view)}
</section>`;
}
