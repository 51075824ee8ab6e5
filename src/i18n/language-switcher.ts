import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { supportedLocales, translator } from './i18n.js';
import type { MessageKey } from './messages.en.js';

/** Links to the same page in each language (`?lang=`); each name in its own language, marked with lang. */
export function languageSwitcher(request: FastifyRequest): SafeHtml {
  const current = request.locale ?? 'en';
  const requested = request.url.split('?')[0] ?? '/';
  // Only a same-site path: never `//host` or `/\host`, which browsers read as another site.
  const path = /^\/(?![/\\])[^\\]*$/.test(requested) ? requested : '/';
  const tr = translator(current);
  return html`<nav class="language-switcher" aria-label="${tr('lang.label')}"><ul>${supportedLocales.map((locale) => {
    const name = translator(locale)(`lang.${locale}` as MessageKey);
    return html`<li><a href="${path}?lang=${locale}" hreflang="${locale}" lang="${locale}"${locale === current ? html` aria-current="true"` : ''}>${name}</a></li>`;
  })}</ul></nav>`;
}
