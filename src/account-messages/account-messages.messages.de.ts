import type { accountMessagesMessages } from './account-messages.messages.en.js';

/** Das Postfach im Kundenkonto (formelles "Sie"). */
export const accountMessagesDe: Record<keyof typeof accountMessagesMessages, string> = {
  'messages.nav': 'Nachrichten',
  'messages.title': 'Nachrichten',
  'messages.caption': 'Nachrichten von uns, neueste zuerst',
  'messages.col.title': 'Nachricht',
  'messages.col.category': 'Thema',
  'messages.col.received': 'Erhalten',
  'messages.unread': 'Ungelesen',
  'messages.none': 'Sie haben keine Nachrichten.',
  'messages.back': 'Zurück zu Ihren Nachrichten',
  'messages.received': 'Erhalten am {at}',
  'messages.category.policy_change': 'Datenschutzhinweise',
  'messages.category.maintenance': 'Wartung',
  'messages.category.security': 'Sicherheit',
  'messages.category.billing': 'Rechnungen',
};
