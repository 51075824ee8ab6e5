import type { Translate } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.en.js';
import type { AccountArea } from './account-areas.js';

const areaKeys: Record<AccountArea, MessageKey> = {
  profile: 'trustedUsers.area.profile',
  contacts: 'trustedUsers.area.contacts',
  services: 'trustedUsers.area.services',
  domains: 'trustedUsers.area.domains',
  billing: 'trustedUsers.area.billing',
  support: 'trustedUsers.area.support',
  privacy: 'trustedUsers.area.privacy',
};

export function areaLabel(tr: Translate, area: AccountArea): string {
  return areaKeys[area] ? tr(areaKeys[area]) : area;
}
