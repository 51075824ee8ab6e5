import { trustedUsersMessagesDe } from '../trusted-users/trusted-users.messages.de.js';
import { profileMessagesDe } from '../profile/profile.messages.de.js';
import { billingMessagesDe } from '../billing/billing.messages.de.js';
import { servicesMessagesDe } from '../services/services.messages.de.js';
import { domainsMessagesDe } from '../domains/domains.messages.de.js';
import { supportMessagesDe } from '../support/support.messages.de.js';
import { communityMessagesDe } from '../community/community.messages.de.js';
import { careersMessagesDe } from '../careers/careers.messages.de.js';
import { customerRecordsMessagesDe } from '../customer-records/customer-records.messages.de.js';
import { accountsDe } from './de/accounts.de.js';
import { apiClientsDe } from '../api-clients/api-clients.messages.de.js';
import { cookieConsentDe } from '../cookie-consent/cookie-consent.messages.de.js';
import { privacyNoticeDe } from './de/privacy-notice.de.js';
import { registerConsoleDe } from './de/register-console.de.js';
import { dpvLabelsDe, registerDe } from './de/register.de.js';
import { staffDe } from './de/staff.de.js';
import { twoFactorDe } from './de/two-factor.de.js';
import type { MessageKey } from './messages.en.js';
import { accountMessagesDe } from '../account-messages/account-messages.messages.de.js';
import { policyVersionsDe } from '../policy-versions/policy-versions.messages.de.js';
import { consentMessagesDe } from '../consent/consent.messages.de.js';

/**
 * The German catalogue (formal "Sie"). Typed as the full key set, so a key added to the English
 * catalogue and missing here fails compilation; the parts live in ./de/, one per capability.
 */
export const de: Record<MessageKey, string> = {
  ...trustedUsersMessagesDe,
  ...profileMessagesDe,
  ...billingMessagesDe,
  ...servicesMessagesDe,
  ...domainsMessagesDe,
  ...supportMessagesDe,
  ...communityMessagesDe,
  ...careersMessagesDe,
  ...customerRecordsMessagesDe,
  ...apiClientsDe,
  ...accountsDe,
  ...staffDe,
  ...twoFactorDe,
  ...registerDe,
  ...dpvLabelsDe,
  ...registerConsoleDe,
  ...privacyNoticeDe,
  ...cookieConsentDe,
  ...accountMessagesDe,
  ...policyVersionsDe,
  ...consentMessagesDe,
  'lang.label': 'Sprache',
  'lang.en': 'English',
  'lang.de': 'Deutsch',
  'app.name': 'Custodian',
  'nav.skip': 'Zum Hauptinhalt springen',
  'nav.account': 'Konto',
  'nav.security': 'Sicherheit',
  'nav.sessions': 'Sitzungen',
  'nav.privacy': 'Datenschutz',
  'nav.signOut': 'Abmelden',
  'nav.signIn': 'Anmelden',
  'nav.signUp': 'Konto anlegen',
  'nav.console': 'Mitarbeiterkonsole',
  'nav.mainLabel': 'Hauptnavigation',
  'footer.privacy': 'Datenschutzerklärung',
  'footer.api': 'API-Dokumentation',
  'form.required': 'Pflichtfeld',
  'form.errorSummary': 'Es gibt ein Problem',
  'form.submit': 'Weiter',
  'error.title': 'Etwas ist schiefgegangen',
  'error.notFound': 'Diese Seite gibt es nicht.',
  'error.forbidden': 'Sie haben keine Berechtigung, diese Seite zu sehen.',
  'error.generic': 'Bei uns ist etwas schiefgegangen. Nennen Sie die Anfrage {requestId}, wenn Sie sich an den Kundendienst wenden.',
  'error.backHome': 'Zurück zur Startseite',
  'home.title': 'Ihr Hosting-Konto',
  'home.intro': 'Verwalten Sie Ihre Dienste, Domains, Rechnungen und Ihren Datenschutz an einem Ort.',
};
