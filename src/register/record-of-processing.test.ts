import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { iriPrefixes } from '../datamap/vocabulary.js';
import { createTestStaff, signInStaffApi } from '../staff/staff.test-helpers.js';
import { defaultRegister } from './register-yaml.js';

/** Every IRI position of a JSON-LD document: property names, @id and @type values. */
function compactIris(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => compactIris(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '@context') continue;
      if (key === '@id' || key === '@type') found.push(String(v));
      else found.push(key);
      compactIris(v, found);
    }
  }
  return found;
}

describe.each(databaseKinds)('record of processing (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  it('is JSON-LD whose every term uses a declared prefix, covering Art 30(1)', async () => {
    const auditor = t.client();
    await signInStaffApi(auditor, await createTestStaff(t, 'auditor'));
    const response = await auditor.request('GET', '/api/v1/register/record-of-processing.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const doc = JSON.parse(await response.text()) as Record<string, any>;
    expect(doc['@context']).toEqual(iriPrefixes);
    const declared = Object.keys(doc['@context'] as object);
    const terms = compactIris(doc);
    expect(terms.length).toBeGreaterThan(50);
    for (const term of terms) {
      expect(term, 'a compact IRI, not an absolute one').toMatch(/^[a-z][a-z-]*:[^/]/);
      expect(declared, term).toContain(term.slice(0, term.indexOf(':')));
    }

    expect(doc['dpv:hasDataController']['dpv:hasName']).toBe(defaultRegister().controller.legalName);
    expect(doc['dpv:hasDataController']['dpv:hasDataProtectionOfficer']['custodian:email']).toBe(defaultRegister().controller.dpo.email);
    const processing = doc['custodian:processing'] as Record<string, any>[];
    expect(processing.map((p) => p['dpv:hasPurpose']['@id'])).toEqual(defaultRegister().purposes.map((p) => p.purpose));
    const accounts = processing.find((p) => p['dpv:hasPurpose']['@id'] === 'dpv:AccountManagement')!;
    expect(accounts['dpv:hasPersonalData']).toContainEqual({ '@id': 'pd:EmailAddress' });
    expect(accounts['custodian:erasureTimeLimits'].length).toBeGreaterThan(0);
    const analytics = (doc['custodian:recipients'] as Record<string, any>[]).find((r) => r['custodian:country'] === 'US')!;
    expect(analytics['custodian:transferSafeguard']).toEqual({ '@id': 'custodian:standard-contractual-clauses' });
  });

  it('is CSV with one row per purpose and data category', async () => {
    const officer = t.client();
    await signInStaffApi(officer, await createTestStaff(t, 'privacy_officer'));
    const response = await officer.request('GET', '/api/v1/register/record-of-processing.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('"purpose_id","purpose","description","legal_basis","legitimate_interest","data_subjects","data_category","recipients","third_country_transfers","erasure_time_limits","controller","dpo_email","security_measures"');
    const keys = lines.slice(1).map((line) => line.split('","').slice(0, 7).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(lines.some((line) => line.startsWith('"account-management","dpv:AccountManagement"') && line.includes('"pd:EmailAddress"'))).toBe(true);
    expect(lines.some((line) => line.startsWith('"direct-marketing","dpv:DirectMarketing"'))).toBe(true);
  });
});
