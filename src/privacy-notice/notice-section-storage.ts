import { html } from '../http/html.js';
import { countryName } from '../register/countries.js';
import type { ResidencyRule } from '../register/residency.js';
import { table, type NoticeInput, type NoticeSection } from './notice-model.js';

/**
 * Where the data is stored (Art 13(1)(f) context, promise C.21): every storage location, and each
 * residency rule with how it is met. Registers frozen before locations named their country, or
 * before residency rules existed, still render.
 */
export function storageSection({ register, tr, locale }: NoticeInput): NoticeSection {
  const countries = (codes: readonly string[]) => codes.map((code) => countryName(code, locale)).join(', ');
  const rules: readonly ResidencyRule[] = register.residencyRules ?? [];
  return {
    id: 'storage', title: tr('notice.storage.title'),
    body: html`<p>${tr('notice.storage.intro')}</p>${table(
      [tr('notice.col.region'), tr('notice.col.country'), tr('notice.col.provider'), tr('notice.storage.backups')],
      register.storageLocations.map((s) => [s.region, s.country ? countryName(s.country, locale) : '', s.provider, s.backups ? tr('register.yes') : tr('register.no')]),
    )}
<h3>${tr('notice.storage.residency.title')}</h3>
${rules.length === 0
    ? html`<p>${tr('notice.storage.residency.none')}</p>`
    : html`<p>${tr('notice.storage.residency.intro')}</p><dl class="residency-rules">${rules.map((rule) => html`<dt>${tr('notice.storage.residency.rule', { countries: countries(rule.jurisdictions), region: rule.region.name, members: countries(rule.region.countries) })}</dt><dd>${rule.how}</dd>`)}</dl>`}`,
  };
}
