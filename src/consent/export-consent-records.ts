import type { Kysely } from 'kysely';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/database.types.js';
import { expandIri, type PersonalDataCategory } from '../datamap/vocabulary.js';
import { currentRegister } from '../register/current-register.js';
import { dpvConsentStatus, type ConsentChannel } from './consent.tables.js';
import { selectConsentRecordsOfSubject, type ConsentRecordRow } from './consent.store.js';

/** The personal data a consented purpose uses on a channel. */
function personalDataFor(purpose: string, channel: ConsentChannel | null): PersonalDataCategory[] {
  const contact: Record<ConsentChannel, PersonalDataCategory[]> = { email: ['pd:EmailAddress'], sms: ['pd:TelephoneNumber'], phone: ['pd:TelephoneNumber'], account_messages: ['pd:Identifier'] };
  const base: PersonalDataCategory[] = purpose.startsWith('custodian:cookies') ? ['pd:BrowsingBehavior', 'pd:Identifier'] : ['pd:Name'];
  const profiling: PersonalDataCategory[] = purpose === 'custodian:MarketingProfiling' || purpose === 'dpv:PersonalisedAdvertising' ? ['pd:Transaction', 'pd:BrowsingBehavior'] : [];
  return [...new Set([...base, ...(channel ? contact[channel] : []), ...profiling])];
}

const methodIri: Record<ConsentRecordRow['method'], string> = {
  banner: 'custodian:ConsentBanner',
  account_form: 'custodian:AccountForm',
  api: 'custodian:Api',
  gpc: 'custodian:GlobalPrivacyControl',
  unsubscribe_link: 'custodian:UnsubscribeLink',
  double_opt_in: 'custodian:DoubleOptIn',
  import: 'custodian:LinkedFromBrowser',
};

function iriOf(compact: string): string {
  try {
    return expandIri(compact);
  } catch {
    return compact;
  }
}

/**
 * Every consent record of a person as ISO/IEC TS 27560 consent records in the DPV profile
 * (https://w3id.org/dpv/schema/dpv-27560#), newest first. Statuses are DPV consent statuses.
 */
export async function exportConsentRecords(db: Kysely<Database>, config: Pick<Config, 'http' | 'retention'>, subjectId: string): Promise<{ '@context': string; profile: string; records: Record<string, unknown>[] }> {
  const register = (await currentRegister(db)).register;
  const rows = await selectConsentRecordsOfSubject(db, subjectId);
  const base = config.http.publicUrl.replace(/\/$/, '');
  const records = rows.map((row) => {
    const data = personalDataFor(row.purpose, row.channel);
    const recipients = register.recipients.filter((r) => r.dataCategories.some((c) => data.includes(c)));
    return {
      schema_version: 'dpv-27560',
      record_id: row.id,
      PII_principal_id: row.subject_id,
      notice: { version: row.notice_version, text_sha256: row.notice_text_hash, url: `${base}/privacy` },
      language: 'en',
      purposes: [{ purpose: iriOf(row.purpose), ...(row.channel ? { channel: row.channel } : {}) }],
      personal_data: data.map(expandIri),
      controllers: [{ name: register.controller.legalName, contact: register.controller.email }],
      storage_locations: register.storageLocations.map((s) => ({ region: s.region, provider: s.provider })),
      retention: { period: config.retention.consentProof, description: 'Kept while the account is active and, after erasure, as proof of consent for this period (Art 7(1) GDPR).' },
      jurisdiction: 'EU',
      recipients: recipients.map((r) => ({ name: r.name, kind: r.kind, country: r.country })),
      withdrawal_method: { account: `${base}/account/privacy`, unsubscribe: row.channel === 'email' ? 'link in every marketing email (RFC 8058)' : null },
      event_time: row.occurred_at.toISOString(),
      validity: { from: row.occurred_at.toISOString(), until: row.expires_at ? row.expires_at.toISOString() : null },
      event_type: row.status,
      event_state: expandIri(dpvConsentStatus[row.status]),
      lawful_basis: expandIri('eu-gdpr:A6-1-a'),
      collection_method: iriOf(methodIri[row.method]),
      ...(row.method === 'import' ? { linked_from: row.evidence['linkedFrom'] ?? null } : {}),
    };
  });
  return { '@context': 'https://w3id.org/dpv/schema/dpv-27560#', profile: 'ISO/IEC TS 27560:2023', records };
}
