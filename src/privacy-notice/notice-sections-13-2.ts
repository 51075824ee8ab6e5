import { html } from '../http/html.js';
import { allCategories, retentionLines } from '../register/derive-from-datamap.js';
import { dpvLabel, dpvLabels } from '../register/dpv-labels.js';
import { table, type NoticeInput, type NoticeSection } from './notice-model.js';

/** Art 13(2)(a)-(f) and Art 14(1)(d), 14(2)(f): retention, rights, consent, complaint, requirement, automated decisions, categories, sources. */
export function sections13_2({ register, declarations, retention, tr }: NoticeInput): NoticeSection[] {
  const consentPurposes = register.purposes.filter((p) => p.legalBasis === 'eu-gdpr:A6-1-a');
  const authority = register.supervisoryAuthority;
  return [
    ({
      id: 'art13-2-a', title: tr('notice.retention.title'),
      body: html`<p>${tr('notice.retention.intro')}</p>${table(
        [tr('notice.col.category'), tr('notice.col.heldIn'), tr('notice.col.purposes'), tr('notice.col.howLong'), tr('notice.col.afterErasure')],
        retentionLines(declarations, retention).map((line) => [
          dpvLabel(tr, line.category),
          line.tableDescription,
          dpvLabels(tr, line.purposes),
          line.retention,
          line.keep ? tr('notice.retention.kept', { period: line.keep.period, basis: tr(`register.basis.${line.keep.legalBasis}`), reason: line.keep.reason }) : tr('notice.retention.erased'),
        ]),
      )}`,
    }),
    ({
      id: 'art13-2-b', title: tr('notice.rights.title'),
      body: html`<p>${tr('notice.rights.intro')}</p><ul>
<li>${tr('notice.rights.access')}</li><li>${tr('notice.rights.rectification')}</li><li>${tr('notice.rights.erasure')}</li>
<li>${tr('notice.rights.restriction')}</li><li>${tr('notice.rights.objection')}</li><li>${tr('notice.rights.portability')}</li></ul>
<p>${tr('notice.rights.how', { email: register.controller.email })}</p>`,
    }),
    ({
      id: 'art13-2-c', title: tr('notice.withdrawal.title'),
      body: html`<p>${tr('notice.withdrawal.text')}</p>${consentPurposes.length > 0 ? html`<p>${tr('notice.withdrawal.purposes')}</p><ul>${consentPurposes.map((p) => html`<li>${p.description}</li>`)}</ul>` : ''}`,
    }),
    ({
      id: 'art13-2-d', title: tr('notice.complaint.title'),
      body: html`<p>${tr('notice.complaint.text')} <a href="${authority.website}">${authority.name}</a>.</p>`,
    }),
    ({
      id: 'art13-2-e', title: tr('notice.requirement.title'),
      body: table(
        [tr('notice.col.purpose'), tr('notice.col.requirement'), tr('notice.col.consequence')],
        register.purposes.map((p) => [p.description, tr(`register.requirement.${p.requirement}`), p.consequenceOfNotProviding]),
      ),
    }),
    ({
      id: 'art13-2-f', title: tr('notice.automated.title'),
      body: register.automatedDecisions.length === 0
        ? html`<p>${tr('notice.automated.none')}</p>`
        : html`${register.automatedDecisions.map((d) => html`<h3>${d.name}</h3><dl>
<dt>${tr('notice.automated.logic')}</dt><dd>${d.logic}</dd>
<dt>${tr('notice.automated.significance')}</dt><dd>${d.significance}</dd>
<dt>${tr('notice.automated.consequences')}</dt><dd>${d.consequences}</dd></dl>`)}`,
    }),
    ({
      id: 'art14-1-d', title: tr('notice.categories.title'),
      body: html`<p>${tr('notice.categories.intro')}</p><ul>${allCategories(declarations).map((c) => html`<li>${dpvLabel(tr, c)}</li>`)}</ul>`,
    }),
    ({
      id: 'art14-2-f', title: tr('notice.sources.title'),
      body: register.sources.length === 0
        ? html`<p>${tr('notice.sources.none')}</p>`
        : html`<ul>${register.sources.map((s) => html`<li><strong>${s.name}</strong>${s.publiclyAccessible ? html` (${tr('notice.sources.public')})` : ''}: ${s.description} ${tr('notice.col.categories')}: ${dpvLabels(tr, s.dataCategories)}.</li>`)}</ul>`,
    }),
    ({
      id: 'art32-security', title: tr('notice.security.title'),
      body: html`<ul>${register.securityMeasures.map((m) => html`<li>${m}</li>`)}</ul>`,
    }),
  ];
}
