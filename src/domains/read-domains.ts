import { AppError } from '../errors/app-error.js';
import type { AppDeps } from '../http/app-deps.js';
import { openContact, type ContactView } from './domain-contacts.js';
import { listDocuments } from './domain-documents.store.js';
import { findAccountDomain, findDomain, findTld, listAccountDomains, listContacts, listOrders, type DomainRow, type OrderRow } from './domains.store.js';
import { contactRoles, sealedDomainFields as f, type DocumentStatus, type DocumentType, type DomainStatus, type PublishableField } from './domains.tables.js';

type ReadDeps = Pick<AppDeps, 'db' | 'keyring'>;

export interface DomainSummary {
  readonly id: string;
  readonly accountId: string;
  readonly fqdn: string;
  readonly tld: string;
  readonly status: DomainStatus;
  readonly registeredAt: Date | null;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
}

export interface DocumentView {
  readonly id: string;
  readonly documentType: DocumentType;
  readonly filename: string;
  readonly mediaType: string;
  readonly status: DocumentStatus;
  readonly uploadedAt: Date;
  readonly decidedAt: Date | null;
  readonly reason: string | null;
}

export interface DomainDetail extends DomainSummary {
  readonly publishContactData: boolean;
  readonly publishedFields: readonly PublishableField[];
  readonly publicationChosenAt: Date | null;
  readonly identityVerifiedAt: Date | null;
  readonly requiresIdentityDocument: boolean;
  readonly maxYears: number;
  readonly yearlyPriceCents: number;
  readonly contacts: readonly ContactView[];
  /** Null when the reader may not see identity documents at all. */
  readonly documents: readonly DocumentView[] | null;
  readonly orders: readonly OrderRow[];
  readonly canUploadDocument: boolean;
  readonly canRenew: boolean;
}

export function summarise(row: DomainRow): DomainSummary {
  return { id: row.id, accountId: row.account_id, fqdn: row.fqdn, tld: row.tld, status: row.status, registeredAt: row.registered_at, expiresAt: row.expires_at, createdAt: row.created_at };
}

export async function listCustomerDomains(deps: Pick<AppDeps, 'db'>, accountId: string): Promise<DomainSummary[]> {
  return (await listAccountDomains(deps.db, accountId)).map(summarise);
}

/** One domain of the account, with contacts opened; another account's domain is not found. */
export async function readCustomerDomain(deps: ReadDeps, accountId: string, domainId: string): Promise<DomainDetail> {
  const row = await findAccountDomain(deps.db, accountId, domainId);
  if (!row) throw new AppError('NOT_FOUND', 'No such domain in this account');
  return detail(deps, row, true);
}

/** One domain for staff with domains.read; documents only for those who may review them. */
export async function readConsoleDomain(deps: ReadDeps, domainId: string, mayReviewDocuments: boolean): Promise<DomainDetail> {
  const row = await findDomain(deps.db, domainId);
  if (!row) throw new AppError('NOT_FOUND', 'No such domain');
  return detail(deps, row, mayReviewDocuments);
}

async function detail(deps: ReadDeps, row: DomainRow, withDocuments: boolean): Promise<DomainDetail> {
  const tld = await findTld(deps.db, row.tld);
  const contacts: ContactView[] = [];
  for (const contact of await listContacts(deps.db, row.id)) contacts.push(openContact(await deps.keyring.forSubject(deps.db, contact.subject_id), contact));
  contacts.sort((a, b) => contactRoles.indexOf(a.role) - contactRoles.indexOf(b.role));
  const documents = withDocuments ? await openDocuments(deps, row) : null;
  const orders = await listOrders(deps.db, row.id);
  const requiresIdentityDocument = tld?.requires_identity_document ?? false;
  const waitsForDocument = requiresIdentityDocument && row.identity_verified_at === null && (row.status === 'pending_payment' || row.status === 'pending_documents');
  return {
    ...summarise(row),
    publishContactData: row.publish_contact_data,
    publishedFields: row.published_fields as PublishableField[],
    publicationChosenAt: row.publication_chosen_at,
    identityVerifiedAt: row.identity_verified_at,
    requiresIdentityDocument,
    maxYears: tld?.max_years ?? 1,
    yearlyPriceCents: tld?.yearly_price_cents ?? 0,
    contacts,
    documents,
    orders,
    canUploadDocument: waitsForDocument && !(documents ?? []).some((d) => d.status === 'pending' || d.status === 'approved'),
    canRenew: (row.status === 'active' || row.status === 'expired') && !orders.some((o) => o.kind === 'renew' && ['awaiting_payment', 'paid', 'submitted'].includes(o.status)),
  };
}

async function openDocuments(deps: ReadDeps, row: DomainRow): Promise<DocumentView[]> {
  const rows = await listDocuments(deps.db, row.id);
  if (rows.length === 0) return [];
  const cipher = await deps.keyring.forSubject(deps.db, row.subject_id);
  return rows.map((d) => ({
    id: d.id,
    documentType: cipher.decrypt(d.document_type_enc, f.documentType) as DocumentType,
    filename: cipher.decrypt(d.filename_enc, f.documentFilename),
    mediaType: cipher.decrypt(d.media_type_enc, f.documentMediaType),
    status: d.status,
    uploadedAt: d.uploaded_at,
    decidedAt: d.decided_at,
    reason: d.reason_enc ? cipher.decrypt(d.reason_enc, f.documentReason) : null,
  }));
}
