import { describe, expect, it } from 'vitest';
import { dataMap } from '../datamap/datamap.registry.js';
import { defineTable, deleteOnErasure, notPersonal, personal } from '../datamap/define-table.js';
import { defaultRegister } from './register-yaml.js';
import { validateRegister } from './validate-register.js';

const consentTable = defineTable<{ id: string; subject_id: string; email: string }>({
  table: 'newsletter_subscribers', description: 'test', dataSubjects: ['dpv:Customer'], subjectLink: { via: 'column', column: 'subject_id' },
  purposes: ['dpv:DirectMarketing'], legalBasis: 'eu-gdpr:A6-1-a', retention: { kind: 'while-subject-active', description: 'test' },
  columns: { id: notPersonal(), subject_id: notPersonal(), email: personal('pd:EmailAddress', deleteOnErasure) },
});

describe('register validation against the data map', () => {
  it('accepts the shipped default', () => {
    expect(validateRegister(defaultRegister())).toEqual({ ok: true, register: defaultRegister() });
  });

  it('requires direct marketing to rest on consent', () => {
    const register = { ...defaultRegister(), purposes: defaultRegister().purposes.map((p) => (p.purpose === 'dpv:DirectMarketing' ? { ...p, legalBasis: 'eu-gdpr:A6-1-b' as const } : p)) };
    const result = validateRegister(register);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('direct marketing, which needs consent') })]);
  });

  it('requires a purpose the data map bases on consent to be declared as consent-based', () => {
    const purposes = defaultRegister().purposes.filter((p) => p.purpose !== 'dpv:DirectMarketing');
    const missing = validateRegister({ ...defaultRegister(), purposes }, [...dataMap, consentTable]);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => e.message)).toEqual([expect.stringContaining('"newsletter_subscribers" processes personal data for dpv:DirectMarketing')]);

    const asContract = [...purposes, { ...defaultRegister().purposes.find((p) => p.purpose === 'dpv:CustomerCare')!, id: 'news', purpose: 'dpv:DirectMarketing' as const }];
    const wrongBasis = validateRegister({ ...defaultRegister(), purposes: asContract }, [...dataMap, consentTable]);
    expect(wrongBasis.ok).toBe(false);
    if (!wrongBasis.ok) expect(wrongBasis.errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringContaining('relies on consent for dpv:DirectMarketing')]));
  });

  it('refuses a country code that is not ISO 3166-1 alpha-2', () => {
    const register = { ...defaultRegister(), recipients: defaultRegister().recipients.map((r, i) => (i === 0 ? { ...r, country: 'EU' } : r)) };
    const result = validateRegister(register);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.field).toBe('recipients.0.country');
  });

  it('refuses a residency rule whose region has no backup storage location', () => {
    const register = defaultRegister();
    const storageLocations = register.storageLocations.filter((s) => !(s.country === 'RU' && s.backups));
    const result = validateRegister({ ...register, storageLocations });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ field: 'residencyRules.0', message: expect.stringContaining('no backup storage location in region Russia') }]);
  });

  it('refuses a residency rule whose region has no primary storage location, and one claiming a country outside its region', () => {
    const register = defaultRegister();
    const rule = register.residencyRules[0]!;
    const primaryGone = validateRegister({ ...register, storageLocations: register.storageLocations.filter((s) => !(s.country === 'RU' && !s.backups)) });
    expect(primaryGone.ok).toBe(false);
    if (!primaryGone.ok) expect(primaryGone.errors).toEqual([{ field: 'residencyRules.0', message: expect.stringContaining('no primary (non-backup) storage location in region Russia') }]);

    const outside = validateRegister({ ...register, residencyRules: [{ ...rule, jurisdictions: ['RU', 'KZ'] }] });
    expect(outside.ok).toBe(false);
    if (!outside.ok) expect(outside.errors).toEqual([{ field: 'residencyRules.0.jurisdictions.1', message: expect.stringContaining('region Russia does not list KZ') }]);

    const twice = validateRegister({ ...register, residencyRules: [rule, { ...rule, id: 'ru-again' }] });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.errors).toEqual([{ field: 'residencyRules.1.jurisdictions.0', message: expect.stringContaining('already covered by rule "ru-152-fz"') }]);
  });

  it('needs no backup location in the region when the provider keeps no backups at all', () => {
    const register = defaultRegister();
    const storageLocations = register.storageLocations.filter((s) => !s.backups);
    expect(validateRegister({ ...register, storageLocations }).ok).toBe(true);
  });

  it('requires the country of every storage location', () => {
    const register = defaultRegister();
    const { country: _missing, ...withoutCountry } = register.storageLocations[0]!;
    const result = validateRegister({ ...register, storageLocations: [withoutCountry, ...register.storageLocations.slice(1)] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.field).toBe('storageLocations.0.country');
  });
});
