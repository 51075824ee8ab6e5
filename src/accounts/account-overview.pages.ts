import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../http/html.js';
import { renderPage, t } from '../http/layout.js';
import { accountNav } from './account-forms.js';
import type { DataResidency } from '../register/residency.js';
import type { AccountProfile } from './account-profile.js';

/** `notices` are prompts from other capabilities (e.g. a policy version awaiting acceptance); `residency` is promise C.21's line. */
export function renderAccountOverviewPage(request: FastifyRequest, csrfToken: string, profile: AccountProfile, notices: SafeHtml = html``, residency: DataResidency | null = null): SafeHtml {
  const tr = t(request);
  const main = html`${notices}<p>${tr('accounts.overview.greeting', { name: profile.firstName })}</p>
<dl class="summary">
<dt>${tr('accounts.overview.email')}</dt>
<dd>${profile.email} (${profile.emailVerified ? tr('accounts.overview.verified') : tr('accounts.overview.unverified')})</dd>
</dl>
${residency ? html`<p class="data-residency">${tr('register.residency.account', { region: residency.region, how: residency.how })}</p>` : ''}
<h2>${tr('accounts.overview.securityHeading')}</h2>
<ul>
<li><a href="/account/security/password">${tr('accounts.overview.changePassword')}</a></li>
<li><a href="/account/security/two-factor">${tr('accounts.overview.twoFactor')}</a></li>
<li><a href="/account/sessions">${tr('accounts.overview.sessions')}</a></li>
<li><a href="/account/sign-ins">${tr('accounts.overview.signIns')}</a></li>
</ul>`;
  return renderPage({ request, title: tr('accounts.overview.title'), area: 'account', main, csrfToken, nav: accountNav(request) });
}
