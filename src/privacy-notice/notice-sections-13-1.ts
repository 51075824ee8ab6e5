import { html } from '../http/html.js';
import { countryName, isEeaCountry } from '../register/countries.js';
import { categoriesForPurpose } from '../register/derive-from-datamap.js';
import { dpvLabels } from '../register/dpv-labels.js';
import { table, type NoticeInput, type NoticeSection } from './notice-model.js';

/** Art 13(1)(a)-(f): who, the DPO, purposes and bases, interests, recipients, transfers. */
export function sections13_1({ register, declarations, tr, locale }: NoticeInput): NoticeSection[] {
  const c = register.controller;
  const thirdCountry = register.recipients.filter((r) => !isEeaCountry(r.country));
  const interests = register.purposes.filter((p) => p.legitimateInterest);
  return [
    ({
      id: 'art13-1-a', title: tr('notice.controller.title'),
      body: html`<p class="controller-name"><strong>${c.legalName}</strong></p>
<dl><dt>${tr('notice.controller.registration')}</dt><dd>${c.registrationNumber}</dd>
<dt>${tr('notice.controller.address')}</dt><dd>${c.address}</dd>
<dt>${tr('notice.controller.email')}</dt><dd><a href="mailto:${c.email}">${c.email}</a></dd>
${c.representative ? html`<dt>${tr('notice.controller.representative')}</dt><dd>${c.representative.name}, ${c.representative.address}, <a href="mailto:${c.representative.email}">${c.representative.email}</a></dd>` : ''}</dl>`,
    }),
    ({
      id: 'art13-1-b', title: tr('notice.dpo.title'),
      body: html`<p>${tr('notice.dpo.text', { name: c.dpo.name })} <a href="mailto:${c.dpo.email}">${c.dpo.email}</a>.</p>`,
    }),
    ({
      id: 'art13-1-c', title: tr('notice.purposes.title'),
      body: table(
        [tr('notice.col.purpose'), tr('notice.col.basis'), tr('notice.col.subjects'), tr('notice.col.categories')],
        register.purposes.map((p) => [
          p.description,
          tr(`register.basis.${p.legalBasis}`),
          dpvLabels(tr, p.dataSubjects),
          dpvLabels(tr, categoriesForPurpose(p.purpose, declarations)),
        ]),
      ),
    }),
    ({
      id: 'art13-1-d', title: tr('notice.interests.title'),
      body: interests.length === 0
        ? html`<p>${tr('notice.interests.none')}</p>`
        : html`<dl>${interests.map((p) => html`<dt>${p.description}</dt><dd>${p.legitimateInterest}</dd>`)}</dl>`,
    }),
    ({
      id: 'art13-1-e', title: tr('notice.recipients.title'),
      body: register.recipients.length === 0
        ? html`<p>${tr('notice.recipients.none')}</p>`
        : table(
          [tr('notice.col.name'), tr('notice.col.role'), tr('notice.col.function'), tr('notice.col.country'), tr('notice.col.categories'), tr('notice.col.safeguard')],
          register.recipients.map((r) => [
            r.name, tr(`register.kind.${r.kind}`), r.function, countryName(r.country, locale), dpvLabels(tr, r.dataCategories),
            r.safeguard ? tr(`register.safeguard.${r.safeguard}`) : tr('register.safeguard.none'),
          ]),
        ),
    }),
    ({
      id: 'art13-1-f', title: tr('notice.transfers.title'),
      body: html`${thirdCountry.length === 0
        ? html`<p>${tr('notice.transfers.none')}</p>`
        : html`<p>${tr('notice.transfers.intro')}</p>${table(
          [tr('notice.col.name'), tr('notice.col.country'), tr('notice.col.safeguard')],
          thirdCountry.map((r) => [r.name, countryName(r.country, locale), r.safeguard ? tr(`register.safeguard.${r.safeguard}`) : '']),
        )}`}`,
    }),
  ];
}
