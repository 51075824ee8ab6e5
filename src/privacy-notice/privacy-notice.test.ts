import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { dataMap } from '../datamap/datamap.registry.js';
import { escapeHtml } from '../http/html.js';
import { translator } from '../i18n/i18n.js';
import { countryName } from '../register/countries.js';
import { defaultRegister } from '../register/register-yaml.js';
import { retentionLines } from '../register/derive-from-datamap.js';

/** The inner markup of the section with this id; empty when it is missing. */
function sectionOf(page: string, id: string): string {
  const match = new RegExp(`<section id="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(page);
  return match?.[1] ?? '';
}

/** Text content without tags, for "is the section more than its heading" checks. */
const textOf = (markup: string) => markup.replace(/<h2[\s\S]*?<\/h2>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const elements = ['art13-1-a', 'art13-1-b', 'art13-1-c', 'art13-1-d', 'art13-1-e', 'art13-1-f', 'storage', 'art13-2-a', 'art13-2-b', 'art13-2-c', 'art13-2-d', 'art13-2-e', 'art13-2-f', 'art14-1-d', 'art14-2-f'];

describe.each(databaseKinds)('generated privacy notice (%s)', (kind) => {
  let t: TestApp;
  let page: string;
  const register = defaultRegister();
  beforeAll(async () => {
    t = await startTestApp(kind);
    const response = await t.client().get('/privacy');
    expect(response.status).toBe(200);
    page = await response.text();
  }, 120_000);
  afterAll(async () => t?.close());

  it('has a non-empty section for every element of Art 13(1), 13(2) and 14', () => {
    for (const id of elements) expect(textOf(sectionOf(page, id)).length, id).toBeGreaterThan(20);
  });

  it('fills the sections from the register', () => {
    expect(sectionOf(page, 'art13-1-a')).toContain(escapeHtml(register.controller.legalName));
    expect(sectionOf(page, 'art13-1-a')).toContain(escapeHtml(register.controller.registrationNumber));
    expect(sectionOf(page, 'art13-1-b')).toContain(register.controller.dpo.email);
    for (const purpose of register.purposes) expect(sectionOf(page, 'art13-1-c')).toContain(escapeHtml(purpose.description));
    for (const purpose of register.purposes.filter((p) => p.legitimateInterest)) expect(sectionOf(page, 'art13-1-d')).toContain(escapeHtml(purpose.legitimateInterest!));
    for (const recipient of register.recipients) expect(sectionOf(page, 'art13-1-e')).toContain(escapeHtml(recipient.name));
    expect(sectionOf(page, 'art13-1-f')).toContain('Example Analytics Inc.');
    expect(sectionOf(page, 'art13-1-f')).toContain(countryName('US'));
    expect(sectionOf(page, 'art13-1-f')).toContain('Standard contractual clauses');
    expect(sectionOf(page, 'art13-1-f')).not.toContain('Example Payments B.V.');
    for (const right of ['access', 'corrected', 'erased', 'restricted', 'object', 'machine-readable']) expect(sectionOf(page, 'art13-2-b')).toContain(right);
    expect(sectionOf(page, 'art13-2-c')).toContain(escapeHtml(register.purposes.find((p) => p.legalBasis === 'eu-gdpr:A6-1-a')!.description));
    expect(sectionOf(page, 'art13-2-d')).toContain(escapeHtml(register.supervisoryAuthority.name));
    for (const purpose of register.purposes) expect(sectionOf(page, 'art13-2-e')).toContain(escapeHtml(purpose.consequenceOfNotProviding));
    expect(sectionOf(page, 'art13-2-f')).toContain(escapeHtml(register.automatedDecisions[0]!.logic));
    for (const source of register.sources) expect(sectionOf(page, 'art14-2-f')).toContain(escapeHtml(source.name));
  });

  it('says where the data is stored and how each residency rule is met', () => {
    const storage = sectionOf(page, 'storage');
    expect(register.residencyRules.length).toBeGreaterThan(0);
    for (const location of register.storageLocations) {
      expect(storage).toContain(escapeHtml(location.region));
      expect(storage).toContain(escapeHtml(location.provider));
      expect(storage).toContain(escapeHtml(countryName(location.country)));
    }
    for (const rule of register.residencyRules) {
      expect(storage).toContain(escapeHtml(rule.how));
      expect(storage).toContain(escapeHtml(rule.region.name));
    }
    expect(textOf(storage)).toContain('Customers in Russia: kept in Russia (Russia)');
  });

  it('derives retention and data categories from the data map, with the basis and period of what is kept', () => {
    const retention = sectionOf(page, 'art13-2-a');
    const lines = retentionLines(dataMap, t.config.retention);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(retention).toContain(escapeHtml(line.retention));
    const kept = lines.find((line) => line.table === 'audit_events' && line.keep)!;
    expect(retention).toContain(`Kept for ${kept.keep!.period} (Legal obligation`);
    expect(textOf(sectionOf(page, 'art14-1-d'))).toContain('Email address');
    expect(textOf(sectionOf(page, 'art14-1-d'))).toContain('IP address');
  });

  it('links every section from the contents and to the cookie policy', () => {
    for (const id of elements) expect(page).toContain(`href="#${id}"`);
    expect(page).toContain('href="/privacy/cookies"');
  });

  it('uses the catalogue labels of DPV terms, not labels spelled out from the codes', () => {
    expect(sectionOf(page, 'art13-1-c')).toContain('Customers');
    expect(textOf(sectionOf(page, 'art14-1-d'))).toContain('Sign-in secrets');
    expect(textOf(sectionOf(page, 'art14-1-d'))).not.toContain('Authenticating');
  });

  it('renders every section in German with ?lang=de, from the same register facts', async () => {
    const response = await t.client().get('/privacy?lang=de');
    expect(response.status).toBe(200);
    const german = await response.text();
    expect(german).toContain('<html lang="de">');
    expect(german).toContain('<h1>Datenschutzerklärung</h1>');
    const de = translator('de');
    const en = translator('en');
    const titles = { 'art13-1-a': 'notice.controller.title', 'art13-1-b': 'notice.dpo.title', 'art13-1-c': 'notice.purposes.title', 'art13-1-d': 'notice.interests.title', 'art13-1-e': 'notice.recipients.title', 'art13-1-f': 'notice.transfers.title', 'storage': 'notice.storage.title', 'art13-2-a': 'notice.retention.title', 'art13-2-b': 'notice.rights.title', 'art13-2-c': 'notice.withdrawal.title', 'art13-2-d': 'notice.complaint.title', 'art13-2-e': 'notice.requirement.title', 'art13-2-f': 'notice.automated.title', 'art14-1-d': 'notice.categories.title', 'art14-2-f': 'notice.sources.title' } as const;
    expect(Object.keys(titles).sort()).toEqual([...elements].sort());
    for (const id of elements) {
      const markup = sectionOf(german, id);
      expect(textOf(markup).length, id).toBeGreaterThan(20);
      const key = titles[id as keyof typeof titles];
      expect(markup, id).toContain(`<h2 id="${id}-title">${escapeHtml(de(key))}</h2>`);
      expect(de(key), id).not.toBe(en(key));
    }
    expect(sectionOf(german, 'art13-1-a')).toContain(escapeHtml(register.controller.legalName));
    expect(sectionOf(german, 'art13-1-b')).toContain(register.controller.dpo.email);
    for (const purpose of register.purposes) expect(sectionOf(german, 'art13-1-c')).toContain(escapeHtml(purpose.description));
    expect(sectionOf(german, 'art13-1-c')).toContain('Vertrag (Art. 6 Abs. 1 lit. b DSGVO)');
    expect(sectionOf(german, 'art13-1-f')).toContain('Vereinigte Staaten');
    expect(sectionOf(german, 'art13-1-f')).toContain('Standardvertragsklauseln');
    for (const right of ['Auskunft', 'berichtigen', 'löschen', 'einschränken', 'widersprechen', 'maschinenlesbaren']) expect(sectionOf(german, 'art13-2-b')).toContain(right);
    expect(sectionOf(german, 'art13-2-d')).toContain(escapeHtml(register.supervisoryAuthority.name));
    expect(textOf(sectionOf(german, 'art14-1-d'))).toContain('E-Mail-Adresse');
    expect(textOf(sectionOf(german, 'art14-1-d'))).not.toContain('Email address');
    for (const source of register.sources) expect(sectionOf(german, 'art14-2-f')).toContain(escapeHtml(source.name));
    for (const rule of register.residencyRules) expect(sectionOf(german, 'storage')).toContain(escapeHtml(rule.how));
    expect(textOf(sectionOf(german, 'storage'))).toContain('Kundinnen und Kunden in Russland: gespeichert in Russia (Russland)');
    expect(sectionOf(german, 'storage')).toContain('Deutschland');
  });

  it('publishes the cookie policy from the register', async () => {
    const response = await t.client().get('/privacy/cookies');
    expect(response.status).toBe(200);
    const cookies = await response.text();
    for (const cookie of register.cookies) {
      expect(cookies).toContain(`<code>${cookie.name}</code>`);
      expect(cookies).toContain(escapeHtml(cookie.purpose));
    }
    expect(cookies).toContain('Strictly necessary');
    expect(cookies).toContain('Analytics');
  });
});
