import { signUpVerified, type SignedUpAccount } from '../../test/auth-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import type { DatabaseKind } from '../../test/test-database.js';
import { isLocalPaymentAdapter, type LocalPaymentAdapter } from './payment.adapter.js';
import { inTransaction, systemContext } from '../context/request-context.js';
import { issueInvoice, type InvoiceLineInput } from './issue-invoice.js';

export const sampleLines: readonly InvoiceLineInput[] = [
  { description: 'Web hosting Business, two months', quantity: 2, unitAmountCents: 1000 },
  { description: 'Domain registration example.org, one year', quantity: 1, unitAmountCents: 1190 },
];

/** Issues an invoice the way an order does: through issueInvoice in a transaction. */
export async function issueTestInvoice(t: TestApp, customer: { accountId: string; subjectId: string }, lines: readonly InvoiceLineInput[] = sampleLines): Promise<{ invoiceId: string; number: string }> {
  return inTransaction(t.app.deps.db, systemContext('dpv:ServiceProvision'), (ctx) => issueInvoice(t.app.deps, ctx, { accountId: customer.accountId, subjectId: customer.subjectId, lines }));
}

/**
 * Checks a PDF's structure the way a reader does: the header, startxref pointing at the xref table,
 * and every in-use entry's offset landing exactly on "<n> 0 obj". Returns the object count.
 */
export function verifyPdfXref(pdf: Buffer): { objects: number; pageCount: number } {
  const text = pdf.toString('latin1');
  if (!text.startsWith('%PDF-1.4\n')) throw new Error('No PDF 1.4 header');
  if (!text.trimEnd().endsWith('%%EOF')) throw new Error('No %%EOF marker');
  const startxref = /startxref\n(\d+)\n%%EOF\s*$/.exec(text);
  if (!startxref) throw new Error('No startxref');
  const xrefAt = Number(startxref[1]);
  if (text.slice(xrefAt, xrefAt + 5) !== 'xref\n') throw new Error(`startxref ${xrefAt} does not point at the xref table`);
  const header = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
  if (!header) throw new Error('Malformed xref subsection header');
  const count = Number(header[1]);
  const entriesAt = xrefAt + header[0].length;
  for (let i = 0; i < count; i += 1) {
    const entry = text.slice(entriesAt + i * 20, entriesAt + (i + 1) * 20);
    const match = /^(\d{10}) (\d{5}) ([nf]) \n$/.exec(entry);
    if (!match) throw new Error(`xref entry ${i} is not 20 bytes of "oooooooooo ggggg n \\n": ${JSON.stringify(entry)}`);
    if (i === 0) {
      if (match[3] !== 'f') throw new Error('Entry 0 must be free');
      continue;
    }
    const offset = Number(match[1]);
    const expected = `${i} 0 obj\n`;
    if (text.slice(offset, offset + expected.length) !== expected) throw new Error(`Object ${i} is not at offset ${offset}`);
  }
  const trailer = /trailer\n<< \/Size (\d+) \/Root 1 0 R/.exec(text.slice(xrefAt));
  if (!trailer || Number(trailer[1]) !== count) throw new Error('Trailer /Size does not match the xref table');
  const pages = /\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(text);
  return { objects: count - 1, pageCount: Number(pages?.[1] ?? 0) };
}

/** A test app with one signed-up customer and the local test processor, as the payment suites need. */
export async function startProcessorTestApp(kind: DatabaseKind): Promise<{ t: TestApp; client: HttpClient; ada: SignedUpAccount; processor: LocalPaymentAdapter }> {
  const t = await startTestApp(kind);
  const client = t.client();
  const ada = await signUpVerified(t, client);
  const adapter = t.app.deps.adapters.payments;
  if (!isLocalPaymentAdapter(adapter)) throw new Error('The test app runs the local test processor');
  return { t, client, ada, processor: adapter };
}

/** The stored payment behind a processor reference, and an invoice row, read straight from the database. */
export function billingRows(t: TestApp) {
  const db = () => t.app.deps.db;
  return {
    payment: (reference: string) => db().selectFrom('payments').selectAll().where('processor_reference', '=', reference).executeTakeFirstOrThrow(),
    invoice: (id: string) => db().selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  };
}
