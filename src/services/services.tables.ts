import type { Generated } from 'kysely';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';

export const planKinds = ['shared_hosting', 'vps', 'dedicated_server', 'ssl_certificate', 'panel_licence'] as const;
export type PlanKind = (typeof planKinds)[number];

/** ordered → provisioning → active, then suspended / cancelled; failed when provisioning did not succeed. */
export const serviceStatuses = ['ordered', 'provisioning', 'active', 'suspended', 'cancelled', 'failed'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

/** Why staff suspended a service: a code, so the customer's message is in their language and no free text holds personal data. */
export const suspensionReasons = ['non_payment', 'abuse', 'security', 'terms_violation', 'customer_request'] as const;
export type SuspensionReason = (typeof suspensionReasons)[number];

/** What the licence-check endpoint answered; 'not_licensed' covers unknown ids and wrong servers alike. */
export const licenceCheckResults = ['valid', 'not_licensed', 'not_active', 'suspended', 'cancelled', 'version_unsupported'] as const;
export type LicenceCheckResult = (typeof licenceCheckResults)[number];

export interface ServicePlansTable {
  id: Generated<string>;
  code: string;
  kind: PlanKind;
  name: string;
  monthly_price_cents: number;
  cpu_cores: number | null;
  memory_gb: number | null;
  storage_gb: number | null;
  websites: number | null;
  hosted_accounts: number | null;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface ServicesTable {
  id: Generated<string>;
  account_id: string;
  subject_id: string;
  plan_id: string;
  status: Generated<ServiceStatus>;
  hostname: string | null;
  server_ip: string | null;
  server_ipv6: string | null;
  external_id: string | null;
  operation_id: string | null;
  failure_reason: string | null;
  suspension_reason: SuspensionReason | null;
  invoice_id: string | null;
  ordered_at: Generated<Date>;
  activated_at: Date | null;
  period_ends_at: Date | null;
  suspended_at: Date | null;
  cancel_at: Date | null;
  cancelled_at: Date | null;
  updated_at: Generated<Date>;
}

export interface LicencesTable {
  id: Generated<string>;
  service_id: string;
  subject_id: string;
  public_id: string;
  key_enc: Buffer;
  bound_ip: string;
  issued_at: Date;
}

export interface LicenceChecksTable {
  id: Generated<string>;
  licence_id: string;
  subject_id: string;
  checked_at: Date;
  caller_ip_truncated: string | null;
  server_ip_matched: boolean;
  software_version: string;
  result: LicenceCheckResult;
}

/** The Kysely tables of services; merged into Database. */
export interface ServicesDatabase {
  service_plans: ServicePlansTable;
  services: ServicesTable;
  licences: LicencesTable;
  licence_checks: LicenceChecksTable;
}

export const servicePlansTable = defineTable<ServicePlansTable>({
  table: 'service_plans',
  description: 'The catalogue of plans customers can order: hosting, servers, certificates, panel licences, with monthly prices.',
  dataSubjects: [],
  subjectLink: { via: 'none', reason: 'the product catalogue; about no person' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: null,
  retention: { kind: 'system', description: 'Kept while the provider offers or has sold the plan.' },
  columns: {
    id: notPersonal(),
    code: notPersonal('stable plan code'),
    kind: notPersonal(),
    name: notPersonal('product name'),
    monthly_price_cents: notPersonal('net price per month in the smallest currency unit'),
    cpu_cores: notPersonal(),
    memory_gb: notPersonal(),
    storage_gb: notPersonal(),
    websites: notPersonal(),
    hosted_accounts: notPersonal('accounts a panel licence may host'),
    active: notPersonal('offered for new orders'),
    sort_order: notPersonal(),
    created_at: notPersonal(),
  },
});

export const servicesTable = defineTable<ServicesTable>({
  table: 'services',
  description: 'Services a customer ordered (hosting, servers, certificates, licences) and their provisioning state.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:CustomerCare'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the account exists, so the customer sees their services and their history; removed with the account. Invoices for them are kept by billing under tax law.' },
  columns: {
    id: notPersonal(),
    account_id: notPersonal('the ordering account'),
    subject_id: notPersonal('link to the customer'),
    plan_id: personal('pd:Transaction', deleteOnErasure, { note: 'what the customer ordered' }),
    status: notPersonal(),
    hostname: personal('pd:Identifier', deleteOnErasure, { note: 'domain or server hostname the customer chose; needed to set the service up' }),
    server_ip: personal('pd:IPAddress', deleteOnErasure, { note: 'IPv4 address assigned to the service, or the server a licence is ordered for' }),
    server_ipv6: personal('pd:IPAddress', deleteOnErasure, { note: 'IPv6 address assigned to the service' }),
    external_id: personal('pd:Identifier', deleteOnErasure, { note: "the provisioning system's reference for the resource; for a licence it is the licence ID the licensed software presents" }),
    operation_id: notPersonal('the pending provisioning operation being polled'),
    failure_reason: notPersonal('code from the provisioning system'),
    suspension_reason: personal('pd:Transaction', deleteOnErasure, { note: 'reason code of a suspension by staff; never free text' }),
    invoice_id: notPersonal('the invoice for the order (kept by billing)'),
    ordered_at: notPersonal(),
    activated_at: notPersonal(),
    period_ends_at: notPersonal('end of the paid monthly term'),
    suspended_at: notPersonal(),
    cancel_at: notPersonal('when a requested cancellation takes effect (end of term)'),
    cancelled_at: notPersonal(),
    updated_at: notPersonal(),
  },
});

export const licencesTable = defineTable<LicencesTable>({
  table: 'licences',
  description: 'Control-panel software licences, each bound to one server IP address, with the key the customer installs.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision'],
  legalBasis: 'eu-gdpr:A6-1-b',
  retention: { kind: 'while-subject-active', description: 'While the account exists; removed with the account.' },
  columns: {
    id: notPersonal(),
    service_id: notPersonal('the licence service'),
    subject_id: notPersonal('link to the licence holder'),
    public_id: personal('pd:Identifier', deleteOnErasure, { note: 'the licence ID the licensed software presents when it checks its licence' }),
    // Encrypted, not hashed: the holder must be able to read the key again to reinstall the software,
    // and Custodian never compares keys (the vendor does). Erasure shreds it with the subject key.
    key_enc: personal('pd:Authenticating', deleteOnErasure, { encrypted: true, note: 'licence key from the vendor, readable only by the holder' }),
    bound_ip: personal('pd:IPAddress', deleteOnErasure, { note: 'the server the licence is valid on' }),
    issued_at: notPersonal(),
  },
});

export const licenceChecksTable = defineTable<LicenceChecksTable>({
  table: 'licence_checks',
  description: 'Each check of a licence by the licensed software: usage data of the licence holder.',
  dataSubjects: ['dpv:Customer'],
  subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:ServiceProvision', 'dpv:FraudPreventionAndDetection'],
  legalBasis: 'eu-gdpr:A6-1-f',
  legitimateInterest: 'Showing licence holders when and from which network their licence was checked, and spotting a licence used on servers it is not bound to.',
  retention: { kind: 'after', column: 'checked_at', period: { config: 'licenceChecks' }, description: 'Removed after the configured period (default 90 days).' },
  columns: {
    id: notPersonal(),
    licence_id: notPersonal('the licence checked'),
    subject_id: notPersonal('link to the licence holder'),
    checked_at: personal('pd:ServiceConsumptionBehavior', deleteOnErasure),
    // Truncated (IPv4 /24, IPv6 /48): the caller may be a third party's server; its network is
    // enough to spot misuse, and whether the server matched is recorded separately.
    caller_ip_truncated: personal('pd:IPAddress', deleteOnErasure, { note: 'IPv4 /24, IPv6 /48 of the caller; never the full address' }),
    server_ip_matched: personal('pd:ServiceConsumptionBehavior', deleteOnErasure, { note: 'whether the server IP given matched the bound one; the given IP itself is not kept' }),
    software_version: personal('pd:ServiceConsumptionBehavior', deleteOnErasure, { note: 'version of the licensed software that asked' }),
    result: personal('pd:ServiceConsumptionBehavior', deleteOnErasure),
  },
});

/** Data-map declarations of services's tables. */
export const servicesTables: readonly TableDeclaration[] = [servicePlansTable, servicesTable, licencesTable, licenceChecksTable];
