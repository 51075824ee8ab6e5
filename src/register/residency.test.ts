import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../test/auth-helpers.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import { escapeHtml } from '../http/html.js';
import { defaultRegister } from './register-yaml.js';
import { residencyFor } from './residency.js';

describe('residencyFor', () => {
  const register = defaultRegister();
  const rule = register.residencyRules[0]!;

  it('finds the rule whose jurisdictions name the country, and null for any other or none', () => {
    expect(rule.jurisdictions).toEqual(['RU']);
    expect(residencyFor(register, 'RU')).toBe(rule);
    expect(residencyFor(register, 'ru')).toBe(rule);
    expect(residencyFor(register, 'DE')).toBeNull();
    expect(residencyFor(register, null)).toBeNull();
  });

  it('answers null for a register frozen before residency rules existed', () => {
    const { residencyRules: _none, ...older } = register;
    expect(residencyFor(older as typeof register, 'RU')).toBeNull();
  });
});

describe.each(databaseKinds)('data residency on the account (%s)', (kind) => {
  let t: TestApp;
  const rule = defaultRegister().residencyRules[0]!;
  beforeAll(async () => {
    t = await startTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  it('tells a customer in a covered country where their data is kept, on the overview and in the API', async () => {
    const client = t.client();
    await signUpVerified(t, client, { country: 'RU' });
    const page = await (await client.get('/account')).text();
    expect(page).toContain(escapeHtml(`Your data is kept in ${rule.region.name}: ${rule.how}`));
    const me = await client.api('GET', '/api/v1/account');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ country: 'RU', dataResidency: { region: rule.region.name, how: rule.how } });

    const german = await (await client.get('/account?lang=de')).text();
    expect(german).toContain(escapeHtml(`Ihre Daten werden in ${rule.region.name} gespeichert: ${rule.how}`));
  });

  it('answers null, and shows no line, for a customer in a country without a rule or with no country', async () => {
    for (const country of ['DE', '']) {
      const client = t.client();
      await signUpVerified(t, client, { country });
      const page = await (await client.get('/account')).text();
      expect(page).not.toContain('class="data-residency"');
      expect(page).not.toContain(escapeHtml(rule.how));
      const me = await client.api('GET', '/api/v1/account');
      expect(await me.json()).toMatchObject({ country: country || null, dataResidency: null });
    }
  });

  it('lists the residency rule in the API schema of the account', async () => {
    const doc = (await (await t.client().get('/api/openapi.json')).json()) as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> };
    expect(JSON.stringify(doc.paths['/api/v1/account']?.get?.responses)).toContain('dataResidency');
  });
});
