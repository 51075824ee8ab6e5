/** What an invoice line pays for; when the invoice is paid, billing queues one fulfil job per item. */
export const billableKinds = ['service', 'domain'] as const;
export type BillableKind = (typeof billableKinds)[number];

/** Job kind handled by the capability that owns the item (services, domains); payload { itemId, invoiceId }. */
export function fulfilJobKind(kind: BillableKind): string {
  return `billing.fulfil.${kind}`;
}
