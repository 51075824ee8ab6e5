import type { apiClientsMessages } from './api-clients.messages.en.js';

export const apiClientsDe: Record<keyof typeof apiClientsMessages, string> = {
  'apiClients.title': 'API-Clients',
  'apiClients.intro': 'Schlüssel für die anderen Systeme des Anbieters (Abrechnung, Mailversand, CRM), um Einwilligungsentscheidungen abzufragen und Änderungen an Einwilligungen zu erhalten. Ein Schlüssel wird einmal angezeigt; gespeichert wird nur sein Hash.',
  'apiClients.name': 'Name des Systems',
  'apiClients.scopes': 'Berechtigungen',
  'apiClients.scope.consent:read': 'consent:read: Einwilligungsentscheidungen abfragen',
  'apiClients.scope.consent:webhooks': 'consent:webhooks: Änderungen an Einwilligungen per Webhook erhalten',
  'apiClients.create': 'Schlüssel erstellen',
  'apiClients.created': 'Kopieren Sie diesen Schlüssel jetzt; er wird nicht noch einmal angezeigt:',
  'apiClients.prefix': 'Schlüsselpräfix',
  'apiClients.lastUsed': 'Zuletzt verwendet',
  'apiClients.status': 'Status',
  'apiClients.active': 'Aktiv',
  'apiClients.revoked': 'Widerrufen',
  'apiClients.never': 'Nie',
  'apiClients.revoke': 'Widerrufen',
  'apiClients.revokedNotice': 'Der Schlüssel wurde widerrufen.',
  'apiClients.none': 'Noch keine API-Clients.',
};
