import { isEeaCountry } from './countries.js';
import type { ProcessorActivities, Register } from './register.schema.js';

type SubProcessor = ProcessorActivities['subProcessors'][number];

/** Sub-processors outside the EEA: the third-country transfers of the processor record (Art 30(2)(c)). */
export function processorTransfers(activities: ProcessorActivities): SubProcessor[] {
  return activities.subProcessors.filter((s) => !isEeaCountry(s.country));
}

/** A register stored before Art 30(2) was part of the schema may lack the section. */
export function processorActivitiesOf(register: Register): ProcessorActivities | undefined {
  return (register as Partial<Register>).processorActivities;
}

const subProcessorId = (s: SubProcessor) => `custodian:sub-processor/${encodeURIComponent(s.name)}`;
const activityId = (id: string) => `custodian:processor-activity/${id}`;

/** Art 30(2) as a separate JSON-LD record: the provider as processor for its hosting customers. */
export function processorRecordAsJsonLd(register: Register): Record<string, unknown> | undefined {
  const pa = processorActivitiesOf(register);
  if (!pa) return undefined;
  const c = register.controller;
  return {
    '@id': 'custodian:processor-record',
    '@type': 'custodian:ProcessorRecord',
    'dpv:hasDataProcessor': { '@id': 'custodian:controller', '@type': 'dpv:DataProcessor', 'dpv:hasName': c.legalName, 'custodian:email': c.email },
    'dpv:hasDataProtectionOfficer': { '@type': 'dpv:DataProtectionOfficer', 'dpv:hasName': c.dpo.name, 'custodian:email': c.dpo.email },
    'custodian:controllers': pa.controllers,
    'custodian:processing': pa.activities.map((a) => ({
      '@id': activityId(a.id),
      '@type': 'dpv:PersonalDataHandling',
      'dpv:hasName': a.name,
      'custodian:description': a.description,
      'custodian:dataSubjects': a.dataSubjects,
      'custodian:personalData': a.dataCategories,
      'custodian:subProcessors': pa.subProcessors.filter((s) => s.activities.includes(a.id)).map((s) => ({ '@id': subProcessorId(s) })),
    })),
    'custodian:subProcessors': pa.subProcessors.map((s) => ({
      '@id': subProcessorId(s),
      '@type': 'dpv:DataSubProcessor',
      'dpv:hasName': s.name,
      'custodian:function': s.function,
      'custodian:country': s.country,
      'custodian:thirdCountry': !isEeaCountry(s.country),
      ...(s.safeguard ? { 'custodian:transferSafeguard': { '@id': `custodian:${s.safeguard}` } } : {}),
      'custodian:dpaReference': s.dpaReference,
      'custodian:activities': s.activities.map((id) => ({ '@id': activityId(id) })),
    })),
    'custodian:securityMeasures': pa.securityMeasures,
  };
}

const csvHeader = ['activity_id', 'activity', 'description', 'data_subjects', 'data_categories', 'controllers', 'sub_processors', 'third_country_transfers', 'processor', 'dpo_email', 'security_measures'];

/** The processor record as CSV: one row per processing activity carried out for customers. */
export function processorRecordAsCsv(register: Register, cell: (value: string) => string): string {
  const pa = processorActivitiesOf(register);
  const rows: string[][] = [csvHeader];
  for (const a of pa?.activities ?? []) {
    const subs = pa!.subProcessors.filter((s) => s.activities.includes(a.id));
    rows.push([
      a.id, a.name, a.description, a.dataSubjects, a.dataCategories, pa!.controllers,
      subs.map((s) => `${s.name} (${s.country})`).join('; '),
      subs.filter((s) => !isEeaCountry(s.country)).map((s) => `${s.name} (${s.country}, ${s.safeguard})`).join('; '),
      register.controller.legalName, register.controller.dpo.email, pa!.securityMeasures.join(' | '),
    ]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
