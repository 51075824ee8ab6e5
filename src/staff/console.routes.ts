import { html } from '../http/html.js';
import { t } from '../http/layout.js';
import type { ServerKit } from '../http/server-kit.js';
import { roleLabel, sendConsolePage } from './console-page.js';
import { staffMemberView } from './list-staff-members.js';

export function registerConsoleRoutes(kit: ServerKit): void {
  kit.route({
    method: 'GET', url: '/console', kind: 'page', auth: { kind: 'staff', permission: 'console.view' }, tags: ['staff', 'pages'],
    summary: 'Console start page: welcome, role and the pages the role may open.',
    responses: { 200: { description: 'HTML page' } },
    handler: async ({ request, reply, staff }) => {
      const tr = t(request);
      const me = await staffMemberView(kit.deps, staff!.staffId);
      return sendConsolePage(kit, request, reply, {
        title: tr('console.home.title'),
        main: () => html`<p>${tr('console.home.welcome', { name: me?.displayName ?? '' })}</p>
<p>${tr('console.home.role', { role: roleLabel(tr, staff!.role) })}</p>
<p>${tr('console.home.intro')}</p>`,
      });
    },
  });
}
