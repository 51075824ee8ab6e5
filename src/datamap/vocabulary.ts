/**
 * The DPV terms Custodian uses, as compact IRIs. Prefixes expand through `expandIri`.
 * Using a term outside these lists is a type error, so exports only carry known IRIs.
 */
export const iriPrefixes = {
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  custodian: 'https://custodian.dev/vocab#',
} as const;

export const purposes = [
  'dpv:ServiceProvision',
  'dpv:AccountManagement',
  'dpv:IdentityAuthentication',
  'dpv:CustomerCare',
  'dpv:FraudPreventionAndDetection',
  'dpv:LegalCompliance',
  'dpv:DirectMarketing',
  'dpv:ServiceSecurity',
  'dpv:MaintainCreditCheckingDatabase',
  'dpv:RecordManagement',
  'dpv:CommunicationForCustomerCare',
  'dpv:HumanResourceManagement',
] as const;
export type Purpose = (typeof purposes)[number];

export const personalDataCategories = [
  'pd:Name',
  'pd:EmailAddress',
  'pd:TelephoneNumber',
  'pd:PhysicalAddress',
  'pd:IPAddress',
  'pd:UserAgent',
  'pd:Country',
  'pd:Language',
  'pd:Age',
  'pd:Password',
  'pd:Authenticating',
  'pd:LoginRecord',
  'pd:Identifier',
  'pd:BrowsingBehavior',
  'pd:Communication',
  'pd:PaymentCardNumber',
  'pd:Transaction',
  'pd:OfficialID',
  'pd:ProfessionalInterview',
  'pd:EmploymentHistory', // https://w3id.org/dpv/pd#EmploymentHistory: an applicant's CV
  'pd:Preference',
  'pd:Publicly',
  'pd:ServiceConsumptionBehavior', // https://w3id.org/dpv/pd#ServiceConsumptionBehavior: e.g. licence checks
] as const;
export type PersonalDataCategory = (typeof personalDataCategories)[number];

export const legalBases = [
  'eu-gdpr:A6-1-a', // consent
  'eu-gdpr:A6-1-b', // contract
  'eu-gdpr:A6-1-c', // legal obligation
  'eu-gdpr:A6-1-f', // legitimate interest
] as const;
export type LegalBasis = (typeof legalBases)[number];

// dpv:DataSubject (https://w3id.org/dpv#DataSubject): people a customer names, e.g. domain contacts.
export const dataSubjectCategories = ['dpv:Customer', 'dpv:Employee', 'dpv:JobApplicant', 'dpv:Visitor', 'dpv:User', 'dpv:DataSubject'] as const;
export type DataSubjectCategory = (typeof dataSubjectCategories)[number];

export function expandIri(compact: string): string {
  const colon = compact.indexOf(':');
  const prefix = compact.slice(0, colon) as keyof typeof iriPrefixes;
  const base = iriPrefixes[prefix];
  if (!base) throw new Error(`Unknown IRI prefix in ${compact}`);
  return base + compact.slice(colon + 1);
}
