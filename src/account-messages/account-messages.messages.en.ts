/** The account inbox; spread into `en` in messages.en.ts. */
export const accountMessagesMessages = {
  'messages.nav': 'Messages',
  'messages.title': 'Messages',
  'messages.caption': 'Messages from us, newest first',
  'messages.col.title': 'Message',
  'messages.col.category': 'About',
  'messages.col.received': 'Received',
  'messages.unread': 'Unread',
  'messages.none': 'You have no messages.',
  'messages.back': 'Back to your messages',
  'messages.received': 'Received {at}',
  'messages.category.policy_change': 'Privacy notice',
  'messages.category.maintenance': 'Maintenance',
  'messages.category.security': 'Security',
  'messages.category.billing': 'Billing',
} as const;
