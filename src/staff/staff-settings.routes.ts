import { contextOf } from '../http/server-kit.js';
import { z } from 'zod';
import { html } from '../http/html.js';
import { field, hiddenCsrf, notice, t } from '../http/layout.js';
import type { ServerKit } from '../http/server-kit.js';
import { sendConsolePage } from './console-page.js';
import { requireTwoFactorSetting, setRequireTwoFactor } from './set-require-two-factor.js';

const ownerOnly = { kind: 'staff', permission: 'settings.manage' } as const;

export function registerStaffSettingsRoutes(kit: ServerKit): void {
  const { deps } = kit;

  kit.route({
    method: 'GET', url: '/console/settings', kind: 'page', auth: ownerOnly, tags: ['staff', 'pages'],
    summary: 'Owner-only instance settings.',
    query: z.object({ saved: z.literal('1').optional() }),
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, query }) => {
      const tr = t(request);
      const required = await requireTwoFactorSetting(deps);
      return sendConsolePage(kit, request, reply, {
        title: tr('staff.settings.title'),
        main: (csrf) => html`${notice(query.saved ? tr('staff.settings.saved') : undefined)}
<form method="post" action="/console/settings/two-factor">
${hiddenCsrf(csrf)}
<fieldset><legend>${tr('staff.settings.twoFactorLegend')}</legend>
${field({ name: 'requireTwoFactor', label: tr('staff.settings.requireTwoFactor'), type: 'checkbox', checked: required, hint: tr('staff.settings.requireTwoFactorHint') })}
</fieldset>
<p class="actions"><button type="submit">${tr('staff.settings.save')}</button></p>
</form>`,
      });
    },
  });

  kit.route({
    method: 'POST', url: '/console/settings/two-factor', kind: 'page', auth: ownerOnly, tags: ['staff', 'pages'],
    summary: 'Turns "two-factor required for all staff" on (checkbox sent) or off (checkbox absent).',
    body: z.object({ requireTwoFactor: z.literal('yes').optional() }),
    responses: { 303: { description: 'Saved' } },
    handler: async ({ request, reply, body }) => {
      await setRequireTwoFactor(deps, contextOf(request, 'dpv:ServiceSecurity'), body.requireTwoFactor === 'yes');
      return reply.redirect('/console/settings?saved=1', 303);
    },
  });

  kit.route({
    method: 'PUT', url: '/api/v1/staff/settings/require-two-factor', kind: 'api', auth: ownerOnly, tags: ['staff'],
    summary: 'Requires two-factor for all staff, or stops requiring it.',
    body: z.object({ required: z.boolean() }),
    responses: { 200: { description: 'Saved', schema: z.object({ required: z.boolean() }) } },
    handler: async ({ request, body }) => {
      await setRequireTwoFactor(deps, contextOf(request, 'dpv:ServiceSecurity'), body.required);
      return { required: body.required };
    },
  });
}
