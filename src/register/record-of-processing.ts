import type { Config } from '../config/load-config.js';
import type { TableDeclaration } from '../datamap/datamap.types.js';
import { iriPrefixes } from '../datamap/vocabulary.js';
import { isEeaCountry } from './countries.js';
import { categoriesForPurpose, retentionLines } from './derive-from-datamap.js';
import { processorRecordAsJsonLd } from './processor-record.js';
import type { Register, RegisterPurpose, RegisterRecipient } from './register.schema.js';

/** Recipients of a purpose: those that receive any category of data the purpose processes. */
export function recipientsFor(register: Register, categories: readonly string[]): RegisterRecipient[] {
  return register.recipients.filter((r) => r.dataCategories.some((c) => categories.includes(c)));
}

export function erasureLimits(purpose: RegisterPurpose, declarations: readonly TableDeclaration[], retention: Config['retention']): string[] {
  return retentionLines(declarations, retention)
    .filter((line) => line.purposes.includes(purpose.purpose))
    .map((line) => `${line.category} in ${line.table}: ${line.retention}${line.keep ? ` Kept after erasure for ${line.keep.period} (${line.keep.legalBasis}).` : ''}`);
}

/** Art 30(1) as JSON-LD, with the Art 30(2) processor record as a separate node: every term a DPV IRI or one of Custodian's own (custodian:). */
export function recordAsJsonLd(register: Register, declarations: readonly TableDeclaration[], retention: Config['retention']): Record<string, unknown> {
  const c = register.controller;
  const recipientId = (r: RegisterRecipient) => `custodian:recipient/${encodeURIComponent(r.name)}`;
  const processor = processorRecordAsJsonLd(register);
  return {
    '@context': { ...iriPrefixes },
    '@id': 'custodian:record-of-processing',
    '@type': 'custodian:RecordOfProcessing',
    'dpv:hasDataController': {
      '@id': 'custodian:controller',
      '@type': 'dpv:DataController',
      'dpv:hasName': c.legalName,
      'custodian:registrationNumber': c.registrationNumber,
      'custodian:address': c.address,
      'custodian:email': c.email,
      ...(c.representative ? { 'dpv:hasRepresentative': { '@type': 'dpv:Representative', 'dpv:hasName': c.representative.name, 'custodian:address': c.representative.address, 'custodian:email': c.representative.email } } : {}),
      'dpv:hasDataProtectionOfficer': { '@type': 'dpv:DataProtectionOfficer', 'dpv:hasName': c.dpo.name, 'custodian:email': c.dpo.email },
    },
    'custodian:processing': register.purposes.map((p) => {
      const categories = categoriesForPurpose(p.purpose, declarations);
      return {
        '@id': `custodian:purpose/${p.id}`,
        '@type': 'dpv:PersonalDataHandling',
        'dpv:hasPurpose': { '@id': p.purpose },
        'custodian:description': p.description,
        'dpv:hasLegalBasis': { '@id': p.legalBasis },
        ...(p.legitimateInterest ? { 'custodian:legitimateInterest': p.legitimateInterest } : {}),
        'dpv:hasDataSubject': p.dataSubjects.map((s) => ({ '@id': s })),
        'dpv:hasPersonalData': categories.map((cat) => ({ '@id': cat })),
        'dpv:hasRecipient': recipientsFor(register, categories).map((r) => ({ '@id': recipientId(r) })),
        'custodian:erasureTimeLimits': erasureLimits(p, declarations, retention),
      };
    }),
    'custodian:recipients': register.recipients.map((r) => ({
      '@id': recipientId(r),
      '@type': r.kind === 'processor' ? 'dpv:DataProcessor' : r.kind === 'authority' ? 'dpv:Authority' : 'dpv:DataController',
      'dpv:hasName': r.name,
      'custodian:function': r.function,
      'custodian:country': r.country,
      'custodian:thirdCountry': !isEeaCountry(r.country),
      ...(r.safeguard ? { 'custodian:transferSafeguard': { '@id': `custodian:${r.safeguard}` } } : {}),
      'dpv:hasPersonalData': r.dataCategories.map((cat) => ({ '@id': cat })),
      ...(r.dpaReference ? { 'custodian:dpaReference': r.dpaReference } : {}),
    })),
    'custodian:securityMeasures': register.securityMeasures,
    'custodian:storageLocations': register.storageLocations.map((s) => ({ 'custodian:region': s.region, 'custodian:country': s.country, 'custodian:provider': s.provider, 'custodian:backups': s.backups })),
    ...(processor ? { 'custodian:processorRecord': processor } : {}),
  };
}

const csvHeader = ['purpose_id', 'purpose', 'description', 'legal_basis', 'legitimate_interest', 'data_subjects', 'data_category', 'recipients', 'third_country_transfers', 'erasure_time_limits', 'controller', 'dpo_email', 'security_measures'];

/** One row per purpose and data category (a purpose with no stored data gets one row without a category). */
export function recordAsCsv(register: Register, declarations: readonly TableDeclaration[], retention: Config['retention']): string {
  const rows: string[][] = [csvHeader];
  for (const p of register.purposes) {
    const categories = categoriesForPurpose(p.purpose, declarations);
    const limits = erasureLimits(p, declarations, retention);
    for (const category of categories.length > 0 ? categories : ['']) {
      const recipients = recipientsFor(register, category ? [category] : []);
      rows.push([
        p.id, p.purpose, p.description, p.legalBasis, p.legitimateInterest ?? '', p.dataSubjects.join(' '), category,
        recipients.map((r) => r.name).join('; '),
        recipients.filter((r) => !isEeaCountry(r.country)).map((r) => `${r.name} (${r.country}, ${r.safeguard})`).join('; '),
        limits.filter((l) => !category || l.startsWith(`${category} `)).join(' | '),
        register.controller.legalName, register.controller.dpo.email, register.securityMeasures.join(' | '),
      ]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 quoting, and a leading quote mark against formula injection in spreadsheets. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
