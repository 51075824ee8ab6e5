import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { databaseKinds } from '../../test/test-database.js';
import type { HttpClient } from '../../test/http-client.js';
import { consentState } from '../consent/consent-state.js';
import { systemContext } from '../context/request-context.js';
import { publishPolicyVersion } from '../policy-versions/publish-policy-version.js';
import { choiceCookieName, parseChoice, serialiseChoice, type StoredChoice } from './consent-choice.js';

const purposes = ['custodian:cookies-preferences', 'custodian:cookies-analytics', 'custodian:cookies-marketing'];

describe.each(databaseKinds)('cookie banner and GPC over HTTP (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  }, 120_000);
  afterAll(async () => t?.close());

  const storedChoice = (client: HttpClient): StoredChoice => {
    const choice = parseChoice(client.cookies.get(choiceCookieName));
    if (!choice) throw new Error('no custodian_consent cookie');
    return choice;
  };
  const records = (browserId: string) =>
    t.app.deps.db.selectFrom('consent_records').select(['purpose', 'status', 'method', 'notice_version', 'expires_at']).where('browser_id', '=', browserId).orderBy('seq').execute();
  const state = (browserId: string, purpose: string) => consentState(t.app.deps.db, { browserId, purpose, now: new Date() });
  const page = async (client: HttpClient, path = '/', headers: Record<string, string> = {}) => {
    const response = await client.get(path, headers);
    expect(response.status).toBe(200);
    return response.text();
  };

  it('renders the banner into a first visit\'s page, with three equal buttons in a plain form', async () => {
    const client = t.client();
    const body = await page(client, '/privacy');
    expect(body).toMatch(/<div id="consent-banner" class="consent-banner" role="region" aria-label="Cookie consent" tabindex="-1">/);
    expect(body).toContain('<form method="post" action="/consent/cookies"');
    expect(body).toContain('<input type="hidden" name="return" value="/privacy">');
    expect(body).toContain('href="/privacy/cookies"');
    for (const choice of ['accept-all', 'reject-all', 'settings']) expect(body).toContain(`<button type="submit" name="choice" value="${choice}" class="consent-button">`);
    expect(body).toContain('<script src="/assets/consent-stub.js"></script>');
    expect(body).toContain('<script src="/assets/consent-banner.js" defer></script>');
    expect(body).toContain('<meta name="custodian-consent" content=""');
    expect(client.cookies.has(choiceCookieName)).toBe(false);
  });

  it('records Reject all without JavaScript, redirects back and then loads no banner code', async () => {
    const client = t.client();
    await page(client, '/privacy');
    const response = await client.postForm('/consent/cookies', { choice: 'reject-all', return: '/privacy?x=1' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/privacy?x=1');
    const choice = storedChoice(client);
    expect(choice).toMatchObject({ categories: [], answered: true });
    const months = (choice.expiresAt.getTime() - Date.now()) / (30.44 * 24 * 3600 * 1000);
    expect(months).toBeGreaterThan(5.8);
    expect(months).toBeLessThan(6.2);
    const ledger = await records(choice.browserId);
    expect(ledger.map((r) => [r.purpose, r.status, r.method])).toEqual(purposes.map((p) => [p, 'refused', 'banner']));
    expect(ledger[0]!.notice_version).toMatch(/^cookies-[0-9a-f]{12}-[0-9a-f]{12}-policy-unpublished$/);
    const next = await page(client, '/privacy');
    expect(next).not.toContain('consent-banner');
    expect(next).toContain('<script src="/assets/consent-stub.js"></script>');
    expect(next).toContain('<meta name="custodian-consent" content=""');
  });

  it('records Accept all, then a withdrawal on the settings page that clears the category\'s cookies', async () => {
    const client = t.client();
    await page(client);
    expect((await client.postForm('/consent/cookies', { choice: 'accept-all' })).headers.get('location')).toBe('/');
    const { browserId } = storedChoice(client);
    expect(await page(client, '/privacy')).toContain('<meta name="custodian-consent" content="preferences analytics marketing"');
    for (const purpose of purposes) expect((await state(browserId, purpose)).allowed).toBe(true);

    const settings = await page(client, '/consent/cookies?return=%2Fprivacy');
    expect(settings).toContain('<input id="consent-analytics" name="analytics" type="checkbox" value="yes" checked');
    expect(settings).toMatch(/<input id="consent-strictly-necessary" type="checkbox" checked disabled/);
    expect(settings).toContain('custodian_csrf');
    client.cookies.set('_example_analytics', 'tracked');
    const saved = await client.postForm('/consent/cookies', { choice: 'save', preferences: 'yes', return: '/privacy' });
    expect(saved.status).toBe(303);
    expect(client.cookies.has('_example_analytics')).toBe(false);
    expect(storedChoice(client)).toMatchObject({ browserId, categories: ['preferences'] });
    expect(await state(browserId, 'custodian:cookies-analytics')).toMatchObject({ allowed: false, reason: 'withdrawn' });
    expect(await state(browserId, 'custodian:cookies-preferences')).toMatchObject({ allowed: true });
  });

  it('answers scripts with JSON and sends the Settings button to the settings page', async () => {
    const client = t.client();
    await page(client);
    const token = await client.csrfToken();
    const json = await client.request('POST', '/consent/cookies', { form: { _csrf: token, choice: 'save', analytics: 'yes' }, headers: { accept: 'application/json' } });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ granted: ['analytics'], deniedServices: [], gpc: false });
    const settings = await client.postForm('/consent/cookies', { choice: 'settings', return: '/privacy' });
    expect(settings.status).toBe(303);
    expect(settings.headers.get('location')).toBe('/consent/cookies?return=%2Fprivacy');
  });

  it('refuses bad input, foreign return addresses and forged posts', async () => {
    const client = t.client();
    await page(client);
    const bad: Record<string, string>[] = [{ choice: 'maybe' }, { choice: 'accept-all', return: '//evil.example/' }, { choice: 'accept-all', return: 'https://evil.example/' }, { choice: 'accept-all', return: '/\\evil.example' }, { choice: 'save', analytics: 'on' }, { choice: 'save', service: '../x' }];
    for (const form of bad) {
      expect((await client.postForm('/consent/cookies', form)).status, JSON.stringify(form)).toBe(400);
    }
    expect((await client.get('/consent/cookies?return=%2F%2Fevil.example')).status).toBe(400);
    const forged = await client.request('POST', '/consent/cookies', { form: { choice: 'accept-all' }, headers: { accept: 'text/html' } });
    expect(forged.status).toBe(403);
    expect(client.cookies.has(choiceCookieName)).toBe(false);
  });

  it('asks again when the choice expired or was made against another cookie list or notice', async () => {
    const client = t.client();
    await page(client);
    await client.postForm('/consent/cookies', { choice: 'reject-all' });
    const choice = storedChoice(client);
    expect(await page(client)).not.toContain('id="consent-banner"');
    for (const stale of [{ ...choice, expiresAt: new Date(Date.now() - 60_000) }, { ...choice, listVersion: '000000000000' }, { ...choice, noticeVersion: '000000000000' }]) {
      client.cookies.set(choiceCookieName, serialiseChoice(stale));
      expect(await page(client)).toContain('id="consent-banner"');
    }
  });

  it('treats Sec-GPC: 1 as a marketing refusal, recorded once with method gpc, without asking about it', async () => {
    const client = t.client();
    const first = await page(client, '/', { 'sec-gpc': '1' });
    expect(first).toContain('Global Privacy Control');
    expect(first).toContain('data-gpc="1"');
    const choice = storedChoice(client);
    expect(choice).toMatchObject({ answered: false, gpcRecorded: true, categories: [] });
    await page(client, '/privacy', { 'sec-gpc': '1' });
    expect((await records(choice.browserId)).map((r) => [r.purpose, r.status, r.method])).toEqual([['custodian:cookies-marketing', 'refused', 'gpc']]);

    const settings = await page(client, '/consent/cookies', { 'sec-gpc': '1' });
    expect(settings).toContain('<input id="consent-marketing" name="marketing" type="checkbox" value="yes" disabled');
    const token = await client.csrfToken();
    const accepted = await client.request('POST', '/consent/cookies', { form: { _csrf: token, choice: 'accept-all' }, headers: { accept: 'application/json', 'sec-gpc': '1' } });
    expect(await accepted.json()).toEqual({ granted: ['preferences', 'analytics'], deniedServices: [], gpc: true });
    expect(await state(choice.browserId, 'custodian:cookies-marketing')).toMatchObject({ allowed: false });
  });

  it('withdraws an earlier marketing consent when GPC arrives, and ignores other header values', async () => {
    const client = t.client();
    await page(client);
    await client.postForm('/consent/cookies', { choice: 'accept-all' });
    const { browserId } = storedChoice(client);
    await page(client, '/', { 'sec-gpc': '0' });
    await page(client, '/', { 'sec-gpc': 'true' });
    expect((await records(browserId)).filter((r) => r.method === 'gpc')).toEqual([]);
    const body = await page(client, '/', { 'sec-gpc': '1' });
    expect(body).toContain('<meta name="custodian-consent" content="preferences analytics"');
    expect(body).not.toContain('id="consent-banner"');
    expect(await state(browserId, 'custodian:cookies-marketing')).toMatchObject({ allowed: false, reason: 'withdrawn' });
    expect(storedChoice(client)).toMatchObject({ categories: ['preferences', 'analytics'], gpcRecorded: true });
  });

  it('publishes /.well-known/gpc.json', async () => {
    const response = await t.client().request('GET', '/.well-known/gpc.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { gpc: boolean; lastUpdate: string };
    expect(body.gpc).toBe(true);
    expect(body.lastUpdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('serves the integration example with inert recipes and a nonce-bearing policy for them', async () => {
    const response = await t.client().get('/consent/demo');
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain('https://www.googletagmanager.com');
    expect(csp).not.toContain('unsafe-inline');
    const body = await response.text();
    expect(body).toContain(`<script src="/assets/consent-stub.js" nonce="${nonce}"></script>`);
    expect(body.match(/<script type="text\/plain" data-category="(analytics|marketing)"/g)).toHaveLength(4);
    expect(body).not.toMatch(/<script(?![^>]*type="text\/plain")[^>]*>[^<]+<\/script>/);
    expect((await t.client().request('HEAD', '/consent/cookies')).status).toBe(200);
    const other = await t.client().get('/privacy');
    expect(other.headers.get('content-security-policy')).not.toContain('nonce');
  });

  it('asks again once a new privacy policy version is in force, and records that version', async () => {
    const client = t.client();
    await page(client, '/privacy');
    expect((await client.postForm('/consent/cookies', { choice: 'accept-all', return: '/' })).status).toBe(303);
    expect(await page(client, '/privacy')).not.toContain('id="consent-banner"');
    const today = new Date().toISOString().slice(0, 10);
    const published = await publishPolicyVersion(t.app.deps, systemContext('dpv:LegalCompliance'), null, { effectiveDate: today, requiresAcceptance: false });
    expect(await page(client, '/privacy')).toContain('id="consent-banner"');
    expect((await client.postForm('/consent/cookies', { choice: 'reject-all', return: '/' })).status).toBe(303);
    const latest = (await records(storedChoice(client).browserId)).at(-1)!;
    expect(latest.notice_version).toMatch(new RegExp(`-policy-${published.version}$`));
  });
});
