import type { FastifyRequest } from 'fastify';
import { accountNav } from '../accounts/account-forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { renderPage, t } from '../http/layout.js';
import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import { countryName } from './profile-form-parts.js';
import type { HistoryEntry } from './read-profile-history.js';

const formatTime = (at: Date) => at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** A field's name for people: "Phone", "Billing contact: email". */
function fieldLabel(tr: Translate, entry: HistoryEntry): string {
  const label = tr(`profile.history.field.${entry.field}` as MessageKey);
  return entry.contactRole ? tr('profile.history.contactField', { role: tr(`profile.contacts.role.${entry.contactRole}`), field: label }) : label;
}

/** Stored values as people read them: country names, language names, address lines on one line. */
function valueText(tr: Translate, locale: string, entry: HistoryEntry, value: string | null): SafeHtml | string {
  if (entry.erased) return html`<em>${tr('profile.history.erased')}</em>`;
  if (value === null) return html`<em>${tr('profile.history.empty')}</em>`;
  if (entry.field === 'country' || entry.field === 'address_country') return countryName(locale, value);
  if (entry.field === 'locale') return tr(`lang.${value}` as MessageKey);
  if (entry.field === 'contact.role') return tr(`profile.contacts.role.${value}` as MessageKey);
  if (entry.field === 'address_lines') return value.split('\n').join(', ');
  return value;
}

function actorText(tr: Translate, entry: HistoryEntry): string {
  switch (entry.actor.type) {
    case 'customer': return tr('profile.history.actor.customer');
    case 'trusted_user': return entry.actor.name ? tr('profile.history.actor.trustedUserNamed', { name: entry.actor.name }) : tr('profile.history.actor.trustedUser');
    case 'staff': return tr('profile.history.actor.staff');
    default: return tr('profile.history.actor.system');
  }
}

export function renderProfileHistoryPage(request: FastifyRequest, csrfToken: string, entries: readonly HistoryEntry[]): SafeHtml {
  const tr = t(request);
  const locale = request.locale ?? 'en';
  const main = html`<p>${tr('profile.history.intro')}</p>
${entries.length === 0
    ? html`<p>${tr('profile.history.none')}</p>`
    : html`<div class="table-wrap"><table><caption>${tr('profile.history.caption')}</caption>
<thead><tr><th scope="col">${tr('profile.history.col.when')}</th><th scope="col">${tr('profile.history.col.field')}</th><th scope="col">${tr('profile.history.col.old')}</th><th scope="col">${tr('profile.history.col.new')}</th><th scope="col">${tr('profile.history.col.by')}</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${formatTime(e.changedAt)}</td><th scope="row">${fieldLabel(tr, e)}</th>${e.field === 'contact.removed'
      ? html`<td colspan="2">${tr('profile.history.contactRemoved')}</td>`
      : html`<td>${valueText(tr, locale, e, e.oldValue)}</td><td>${valueText(tr, locale, e, e.newValue)}</td>`}<td>${actorText(tr, e)}</td></tr>`)}</tbody>
</table></div>`}
<p><a href="/account/profile">${tr('profile.history.back')}</a></p>`;
  return renderPage({ request, title: tr('profile.history.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}
