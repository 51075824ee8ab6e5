import type { MessageKey } from '../i18n/messages.en.js';
import { consentChannels, type ConsentChannel } from './consent.tables.js';

/** The purpose of marketing email; enqueueEmail and the sender check consent to it on the email channel. */
export const marketingEmailPurpose = 'dpv:DirectMarketing';

/** Marketing and profiling purposes a customer chooses per channel in the account area (promise B.17). */
export const marketingPurposes = [
  { id: 'direct_marketing', iri: 'dpv:DirectMarketing', label: 'privacyChoices.purpose.direct_marketing', hint: 'privacyChoices.purpose.direct_marketing.hint' },
  { id: 'partner_offers', iri: 'custodian:PartnerOffers', label: 'privacyChoices.purpose.partner_offers', hint: 'privacyChoices.purpose.partner_offers.hint' },
  { id: 'targeted_advertising', iri: 'dpv:PersonalisedAdvertising', label: 'privacyChoices.purpose.targeted_advertising', hint: 'privacyChoices.purpose.targeted_advertising.hint' },
  { id: 'profiling', iri: 'custodian:MarketingProfiling', label: 'privacyChoices.purpose.profiling', hint: 'privacyChoices.purpose.profiling.hint' },
] as const satisfies readonly { id: string; iri: string; label: MessageKey; hint: MessageKey }[];

export type MarketingPurposeIri = (typeof marketingPurposes)[number]['iri'];
export const marketingPurposeIris = marketingPurposes.map((p) => p.iri) as readonly MarketingPurposeIri[];

export const channelLabels: Readonly<Record<ConsentChannel, MessageKey>> = {
  email: 'privacyChoices.channel.email',
  sms: 'privacyChoices.channel.sms',
  phone: 'privacyChoices.channel.phone',
  account_messages: 'privacyChoices.channel.account_messages',
};

/** Every (purpose, channel) pair offered; its form field is `${purposeId}.${channel}`. */
export const marketingChoices = marketingPurposes.flatMap((p) => consentChannels.map((channel) => ({ purpose: p.iri, purposeId: p.id, channel, field: `${p.id}.${channel}` })));

/** Email choices need double opt-in: only the emailed confirmation link records them as given. */
export const needsDoubleOptIn = (channel: ConsentChannel): boolean => channel === 'email';
