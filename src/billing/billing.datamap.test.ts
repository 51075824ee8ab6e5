import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { dataMap, declarationFor } from '../datamap/datamap.registry.js';
import type { PersonalColumn } from '../datamap/datamap.types.js';
import { planRetention } from '../retention/retention-plan.js';
import { retentionStartFor } from './invoice-amounts.js';

describe('billing in the data map', () => {
  const taxTables = ['invoices', 'invoice_lines', 'credit_notes', 'payments'];

  it('keeps invoices, lines, credit notes and payments as tax records under taxRecords, counted from the end of the year', () => {
    for (const name of taxTables) {
      const table = declarationFor(name)!;
      expect(table.legalBasis, name).toBe('eu-gdpr:A6-1-c');
      expect(table.retention).toMatchObject({ kind: 'after', column: 'retention_starts_at', period: { config: 'taxRecords' } });
      // Nothing of a tax record is sealed with the subject key, which erasure shreds.
      expect(Object.values(table.columns).some((c) => c.category !== null && c.encrypted), name).toBe(false);
    }
    const invoices = declarationFor('invoices')!.columns as Record<string, PersonalColumn>;
    for (const column of ['billing_name', 'billing_company', 'billing_address', 'billing_vat_id']) {
      expect(invoices[column]!.erasure, column).toMatchObject({ action: 'keep', legalBasis: 'eu-gdpr:A6-1-c', period: { config: 'taxRecords' } });
      expect((invoices[column]!.erasure as { reason: string }).reason).toMatch(/§147 AO, §257 HGB/);
    }
    expect(declarationFor('invoice_lines')!.columns.description).toMatchObject({ erasure: { action: 'keep', period: { config: 'taxRecords' } } });
    expect(declarationFor('payments')!.columns.processor_reference).toMatchObject({ erasure: { action: 'keep', period: { config: 'taxRecords' } } });
  });

  it('keeps nothing more: links to the account and subject are cut and the card digits removed on erasure', () => {
    for (const name of taxTables) {
      const columns = declarationFor(name)!.columns as Record<string, PersonalColumn>;
      expect(columns.subject_id!.erasure, `${name}.subject_id`).toEqual({ action: 'deattribute' });
      if ('account_id' in columns) expect(columns.account_id!.erasure).toEqual({ action: 'deattribute' });
    }
    const payments = declarationFor('payments')!.columns as Record<string, PersonalColumn>;
    expect(payments.card_last4!.erasure).toEqual({ action: 'delete' });
    expect(payments.card_brand!.erasure).toEqual({ action: 'delete' });
    expect(declarationFor('payment_webhook_events')!.columns).not.toHaveProperty('payload');
  });

  it('plans deletion ten years (configurable) after the end of the year of issue', () => {
    const config = loadConfig({ CUSTODIAN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), CUSTODIAN_RETENTION_TAX_RECORDS: 'P11Y' });
    const now = new Date('2040-06-01T00:00:00Z');
    const steps = planRetention(dataMap, config.retention, now).steps.filter((s) => taxTables.includes(s.table));
    expect(steps.map((s) => s.table).sort()).toEqual([...taxTables].sort());
    for (const step of steps) expect(step).toMatchObject({ column: 'retention_starts_at', period: 'P11Y', cutoff: new Date('2029-06-01T00:00:00Z') });
    expect(loadConfig({ CUSTODIAN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }).retention.taxRecords).toBe('P10Y');
    expect(retentionStartFor(new Date('2026-03-05T10:00:00Z'))).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(retentionStartFor(new Date('2026-12-31T23:59:59Z'))).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
});
