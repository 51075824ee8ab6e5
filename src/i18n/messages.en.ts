import { trustedUsersMessages } from '../trusted-users/trusted-users.messages.en.js';
import { profileMessages } from '../profile/profile.messages.en.js';
import { billingMessages } from '../billing/billing.messages.en.js';
import { servicesMessages } from '../services/services.messages.en.js';
import { domainsMessages } from '../domains/domains.messages.en.js';
import { supportMessages } from '../support/support.messages.en.js';
import { communityMessages } from '../community/community.messages.en.js';
import { careersMessages } from '../careers/careers.messages.en.js';
import { customerRecordsMessages } from '../customer-records/customer-records.messages.en.js';
import { languageMessages } from './language.messages.en.js';
import { apiClientsMessages } from '../api-clients/api-clients.messages.en.js';
import { accountsMessages } from '../accounts/accounts.messages.en.js';
import { accountMessagesMessages } from '../account-messages/account-messages.messages.en.js';
import { policyVersionsMessages } from '../policy-versions/policy-versions.messages.en.js';
import { consentMessages } from '../consent/consent.messages.en.js';
import { cookieConsentMessages } from '../cookie-consent/cookie-consent.messages.en.js';
import { privacyNoticeMessages } from '../privacy-notice/privacy-notice.messages.en.js';
import { registerMessages } from '../register/register.messages.en.js';
import { staffMessages } from '../staff/staff.messages.en.js';
import { twoFactorMessagesEn } from '../two-factor/two-factor.messages.en.js';

/**
 * The English catalogue is complete and is the reference: other languages provide the same keys
 * (checked by i18n.test.ts). `{name}` placeholders are filled by t().
 */
export const en = {
  ...trustedUsersMessages,
  ...profileMessages,
  ...billingMessages,
  ...servicesMessages,
  ...domainsMessages,
  ...supportMessages,
  ...communityMessages,
  ...careersMessages,
  ...customerRecordsMessages,
  ...apiClientsMessages,
  ...accountsMessages,
  ...accountMessagesMessages,
  ...policyVersionsMessages,
  ...consentMessages,
  ...staffMessages,
  ...twoFactorMessagesEn,
  ...registerMessages,
  ...privacyNoticeMessages,
  ...cookieConsentMessages,
  ...languageMessages,
  'app.name': 'Custodian',
  'nav.skip': 'Skip to main content',
  'nav.account': 'Account',
  'nav.security': 'Security',
  'nav.sessions': 'Sessions',
  'nav.privacy': 'Privacy',
  'nav.signOut': 'Sign out',
  'nav.signIn': 'Sign in',
  'nav.signUp': 'Create account',
  'nav.console': 'Staff console',
  'nav.mainLabel': 'Main',
  'footer.privacy': 'Privacy notice',
  'footer.api': 'API documentation',
  'form.required': 'required',
  'form.errorSummary': 'There is a problem',
  'form.submit': 'Continue',
  'error.title': 'Something went wrong',
  'error.notFound': 'This page does not exist.',
  'error.forbidden': 'You do not have permission to see this page.',
  'error.generic': 'Something went wrong on our side. Quote request {requestId} if you contact support.',
  'error.backHome': 'Back to the start page',
  'home.title': 'Your hosting account',
  'home.intro': 'Manage your services, domains, invoices and privacy in one place.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
