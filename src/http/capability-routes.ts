import { registerAccountsRoutes } from '../accounts/accounts.routes.js';
import { registerCookieConsentCapability } from '../cookie-consent/cookie-consent.capability.js';
import { registerApiClientsRoutes } from '../api-clients/api-clients.routes.js';
import { registerConsentDecisionsRoutes } from '../consent-decisions/consent-decisions.routes.js';
import { registerHomeRoutes } from '../home/home.routes.js';
import { registerRegisterCapability } from '../register/register.capability.js';
import { registerTwoFactorRoutes } from '../two-factor/two-factor.routes.js';
import { registerStaffRoutes } from '../staff/staff.routes.js';
import { registerLanguagePreference } from '../i18n/language-preference.js';
import { registerAccountMessagesCapability } from '../account-messages/account-messages.capability.js';
import { registerPolicyVersionsCapability } from '../policy-versions/policy-versions.capability.js';
import { registerConsentRoutes } from '../consent/consent.routes.js';
import { registerTrustedUsersCapability } from '../trusted-users/trusted-users.capability.js';
import { registerProfileCapability } from '../profile/profile.capability.js';
import { registerBillingCapability } from '../billing/billing.capability.js';
import { registerServicesCapability } from '../services/services.capability.js';
import { registerDomainsCapability } from '../domains/domains.capability.js';
import { registerSupportCapability } from '../support/support.capability.js';
import { registerCommunityCapability } from '../community/community.capability.js';
import { registerCareersCapability } from '../careers/careers.capability.js';
import { registerCustomerRecordsCapability } from '../customer-records/customer-records.capability.js';
import { registerCsrfRoutes } from './csrf.routes.js';
import type { ServerKit } from './server-kit.js';

/** Each capability's route registration, in one list so the server assembly stays short. */
export const capabilityRoutes: ReadonlyArray<(kit: ServerKit) => void> = [registerLanguagePreference, registerCsrfRoutes, registerHomeRoutes, registerAccountsRoutes, registerStaffRoutes, registerTwoFactorRoutes, registerRegisterCapability, registerApiClientsRoutes, registerConsentDecisionsRoutes, registerCookieConsentCapability, registerAccountMessagesCapability, registerPolicyVersionsCapability, registerConsentRoutes, registerTrustedUsersCapability, registerProfileCapability, registerBillingCapability, registerServicesCapability, registerDomainsCapability, registerSupportCapability, registerCommunityCapability, registerCareersCapability, registerCustomerRecordsCapability];
