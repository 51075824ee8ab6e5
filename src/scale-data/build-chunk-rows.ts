import { applicationFields, sealCv, sealNotes } from '../careers/application-fields.js';
import { demoCv } from '../careers/careers.demo.js';
import type { ApplicantPlan } from './applicant-plan.js';
import { buildAccountRows, buildGrantRows, customerIds } from './build-account-rows.js';
import { buildBillingRows } from './build-billing-rows.js';
import { buildDomainRows } from './build-domain-rows.js';
import { buildServiceRows } from './build-service-rows.js';
import { buildSupportRows } from './build-support-rows.js';
import { addSubject, date, dateOrNull, emptyChunkRows, type BuildContext, type ChunkRows } from './chunk-rows.js';
import type { CustomerPlan } from './customer-plan.js';
import type { InvoicePlan } from './invoice-book.js';

/** Hands the event loop back now and then, so a chunk's inserts proceed while the next chunk is built. */
export type Pause = () => Promise<void>;
const pauseEvery = 25;

/** The rows of a chunk of customers, encrypted with each subject's own key. */
export async function buildCustomerChunk(build: BuildContext, plans: readonly CustomerPlan[], pause: Pause): Promise<ChunkRows> {
  const rows = emptyChunkRows();
  for (const [position, plan] of plans.entries()) {
    if (position % pauseEvery === pauseEvery - 1) await pause();
    const owner = buildAccountRows(build, rows, plan);
    // Items and invoices point at each other (lines name items, items name their order invoice): ids first.
    const services = plan.services.map(() => plan.ids.nextId());
    const domains = plan.domains.map(() => plan.ids.nextId());
    const invoiceIds = new Map<InvoicePlan, string>(plan.book.invoices.map((invoice) => [invoice, plan.ids.nextId()]));
    buildBillingRows(build, rows, plan, owner, { services, domains }, invoiceIds);
    buildServiceRows(build, rows, plan, owner, services, invoiceIds);
    buildDomainRows(build, rows, plan, owner, domains, invoiceIds);
    buildSupportRows(build, rows, plan, owner);
    buildGrantRows(build, rows, plan, owner, partnerOf(build, plans, position));
  }
  return rows;
}

/** A trusted person for the grant: another customer of the same chunk, picked by the plan's draw. */
function partnerOf(build: BuildContext, plans: readonly CustomerPlan[], position: number): { plan: CustomerPlan; accountId: string } | null {
  const grant = plans[position]!.grant;
  if (!grant || plans.length < 2) return null;
  const offset = 1 + Math.floor(grant.partnerPick * (plans.length - 1));
  const partner = plans[(position + offset) % plans.length]!;
  return { plan: partner, accountId: customerIds(build.seed, partner.index).accountId };
}

/** Applications, each from an applicant subject of its own, never linked to an account. */
export async function buildApplicantChunk(build: BuildContext, plans: readonly ApplicantPlan[], pause: Pause): Promise<ChunkRows> {
  const rows = emptyChunkRows();
  for (const [position, plan] of plans.entries()) {
    if (position % pauseEvery === pauseEvery - 1) await pause();
    const subjectId = plan.ids.nextId();
    const cipher = addSubject(build, rows, subjectId, 'applicant', plan.receivedAt);
    const name = `${plan.person.firstName} ${plan.person.lastName}`;
    const cv = demoCv(name);
    rows.job_applications.push({
      id: plan.ids.nextId(), opening_id: build.openingIds[plan.opening]!, applicant_subject_id: subjectId,
      name_enc: cipher.encrypt(name, applicationFields.name), email_enc: cipher.encrypt(plan.person.email, applicationFields.email),
      phone_enc: plan.withPhone ? cipher.encrypt(plan.person.phone, applicationFields.phone) : null,
      cover_letter_enc: cipher.encrypt(plan.coverLetter, applicationFields.coverLetter),
      cv_filename_enc: cipher.encrypt(`CV ${name}.pdf`, applicationFields.cvFilename), cv_content_enc: sealCv(cipher, cv), cv_bytes: cv.length,
      status: plan.status, staff_notes_enc: plan.notes.length > 0 ? sealNotes(cipher, plan.notes) : null,
      received_at: date(plan.receivedAt), status_changed_at: date(plan.statusChangedAt),
      removal_requested_at: dateOrNull(plan.removalRequestedAt), retention_starts_at: dateOrNull(plan.retentionStartsAt),
    });
  }
  return rows;
}
