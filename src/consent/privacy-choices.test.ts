import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../test/test-database.js';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { signUpVerified } from '../../test/auth-helpers.js';
import { findLink, pathOf, readOutbox } from '../../test/outbox-helpers.js';
import type { HttpClient } from '../../test/http-client.js';
import { marketingChoices } from './consent-purposes.js';

const allTicked = Object.fromEntries(marketingChoices.map((c) => [c.field, 'yes']));
const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

describe.each(databaseKinds)('marketing and profiling choices (%s)', (kind) => {
  let t: TestApp;
  const ledger = (subjectId: string) => t.app.deps.db.selectFrom('consent_records').selectAll().where('subject_id', '=', subjectId).orderBy('seq', 'asc').execute();
  const exportOf = async (client: HttpClient) => {
    const response = await client.api('GET', '/api/v1/account/consents/export');
    expect(response.status).toBe(200);
    return ((await response.json()) as { records: { record_id: string; PII_principal_id: string; event_state: string; purposes: { purpose: string; channel: string }[]; collection_method: string; notice: { version: string } }[] }).records;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  it('offers every purpose on every channel with nothing ticked, and only to a signed-in customer', async () => {
    const anonymous = t.client();
    const redirect = await anonymous.get('/account/privacy');
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toMatch(/^\/sign-in\?next=/);
    expect((await anonymous.api('GET', '/api/v1/account/consents')).status).toBe(401);
    expect((await anonymous.api('GET', '/api/v1/account/consents/export')).status).toBe(401);
    const client = t.client();
    await signUpVerified(t, client);
    const page = await (await client.get('/account/privacy')).text();
    for (const choice of marketingChoices) expect(page).toContain(`name="${choice.field}" type="checkbox" value="yes">`);
    expect(page).not.toMatch(/ checked/);
    expect(page).toContain('value="withdraw_all"');
    expect(page).toContain('version unpublished');
  });

  it('records each choice in each channel; email only after the double opt-in link; the 27560 export holds them all', async () => {
    const client = t.client();
    const me = await signUpVerified(t, client);
    const saved = await client.postForm('/account/privacy', { ...allTicked, action: 'save' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account/privacy?result=pending');
    const afterForm = await ledger(me.subjectId);
    expect(afterForm).toHaveLength(12);
    expect(afterForm.every((r) => r.status === 'given' && r.method === 'account_form' && r.channel !== 'email')).toBe(true);

    const confirmation = (await readOutbox(t, me.subjectId)).filter((m) => m.template === 'consent.confirm_email');
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]?.messageClass).toBe('service');
    const link = pathOf(findLink(confirmation[0]!, '/account/privacy/confirm'));
    const visitor = t.client();
    const shown = await visitor.get(link);
    expect(shown.status).toBe(200);
    const csrf = csrfOf(await shown.text());
    expect(await ledger(me.subjectId)).toHaveLength(12);
    const token = new URL(`http://x${link}`).searchParams.get('token') ?? '';
    const confirmed = await visitor.request('POST', '/account/privacy/confirm', { form: { _csrf: csrf, token }, headers: { accept: 'text/html' } });
    expect(confirmed.status).toBe(200);
    const all = await ledger(me.subjectId);
    expect(all).toHaveLength(16);
    expect(all.filter((r) => r.channel === 'email').map((r) => r.method)).toEqual(['double_opt_in', 'double_opt_in', 'double_opt_in', 'double_opt_in']);
    const again = await visitor.request('POST', '/account/privacy/confirm', { form: { _csrf: csrf, token }, headers: { accept: 'text/html' } });
    expect(again.status).toBe(400);
    expect(await ledger(me.subjectId)).toHaveLength(16);

    const page = await (await client.get('/account/privacy')).text();
    expect(page.match(/ checked/g)).toHaveLength(16);
    const records = await exportOf(client);
    expect(records.map((r) => r.record_id).sort()).toEqual(all.map((r) => r.id).sort());
    for (const choice of marketingChoices) {
      const record = records.find((r) => r.purposes[0]?.channel === choice.channel && r.purposes[0]?.purpose.endsWith(choice.purpose.split(':')[1]!));
      expect(record, choice.field).toMatchObject({ PII_principal_id: me.subjectId, event_state: 'https://w3id.org/dpv#ConsentGiven', notice: { version: 'unpublished' } });
    }
  });

  it('withdraws everything with one click, newest records first in the export', async () => {
    const client = t.client();
    const me = await signUpVerified(t, client);
    await client.postForm('/account/privacy', { 'direct_marketing.sms': 'yes', 'profiling.account_messages': 'yes' });
    const withdrawn = await client.postForm('/account/privacy', { action: 'withdraw_all' });
    expect(withdrawn.headers.get('location')).toBe('/account/privacy?result=withdrawn');
    const rows = await ledger(me.subjectId);
    expect(rows.map((r) => r.status)).toEqual(['given', 'given', 'withdrawn', 'withdrawn']);
    const records = await exportOf(client);
    expect(records.map((r) => r.record_id)).toEqual(rows.map((r) => r.id).reverse());
    expect(records[0]?.event_state).toBe('https://w3id.org/dpv#ConsentWithdrawn');
    expect((await (await client.get('/account/privacy')).text())).not.toMatch(/ checked/);
  });

  it('unticking withdraws only that choice; unchanged choices write nothing', async () => {
    const client = t.client();
    const me = await signUpVerified(t, client);
    await client.postForm('/account/privacy', { 'partner_offers.phone': 'yes', 'partner_offers.sms': 'yes' });
    await client.postForm('/account/privacy', { 'partner_offers.sms': 'yes' });
    const rows = await ledger(me.subjectId);
    expect(rows.map((r) => `${r.channel}:${r.status}`)).toEqual(['sms:given', 'phone:given', 'phone:withdrawn']);
  });

  it('keeps accounts apart: another account sees none of my consents', async () => {
    const mine = t.client();
    const me = await signUpVerified(t, mine);
    await mine.postForm('/account/privacy', { 'direct_marketing.sms': 'yes' });
    const myIds = (await ledger(me.subjectId)).map((r) => r.id);
    expect(myIds).toHaveLength(1);
    const other = t.client();
    await signUpVerified(t, other);
    const theirs = (await (await other.api('GET', '/api/v1/account/consents')).json()) as { choices: { given: boolean; recordId: string | null }[] };
    expect(theirs.choices.some((c) => c.given || (c.recordId !== null && myIds.includes(c.recordId)))).toBe(false);
    expect(await exportOf(other)).toEqual([]);
    const mineNow = (await (await mine.api('GET', '/api/v1/account/consents')).json()) as { choices: { purpose: string; channel: string; given: boolean; recordId: string | null }[] };
    expect(mineNow.choices.filter((c) => c.given)).toEqual([expect.objectContaining({ purpose: 'dpv:DirectMarketing', channel: 'sms', recordId: myIds[0] })]);
  });

  it('the API records choices (method api), holds email for confirmation and refuses bad input whole', async () => {
    const client = t.client();
    const me = await signUpVerified(t, client);
    const put = await client.api('PUT', '/api/v1/account/consents', { choices: [{ purpose: 'dpv:PersonalisedAdvertising', channel: 'phone', given: true }, { purpose: 'dpv:DirectMarketing', channel: 'email', given: true }] });
    expect(put.status).toBe(200);
    const body = (await put.json()) as { recordIds: string[]; pendingConfirmation: unknown[] };
    expect(body.pendingConfirmation).toEqual([{ purpose: 'dpv:DirectMarketing', channel: 'email' }]);
    const rows = await ledger(me.subjectId);
    expect(rows.map((r) => [r.id, r.method, r.channel])).toEqual([[body.recordIds[0], 'api', 'phone']]);
    for (const bad of [{ choices: [{ purpose: 'dpv:ServiceProvision', channel: 'sms', given: true }] }, { choices: [{ purpose: 'dpv:DirectMarketing', channel: 'fax', given: true }] }, { choices: [] }, { choices: [{ purpose: 'dpv:DirectMarketing', channel: 'sms', given: 'yes' }] }]) {
      expect((await client.api('PUT', '/api/v1/account/consents', bad)).status).toBe(400);
    }
    expect(await client.postForm('/account/privacy', { 'direct_marketing.sms': 'maybe' }).then((r) => r.status)).toBe(400);
    expect(await ledger(me.subjectId)).toHaveLength(1);
    expect((await t.client().api('PUT', '/api/v1/account/consents', { choices: [{ purpose: 'dpv:DirectMarketing', channel: 'sms', given: true }] })).status).toBe(401);
  });

  it('refuses a forged confirmation link and records nothing', async () => {
    const client = t.client();
    const me = await signUpVerified(t, client);
    await client.postForm('/account/privacy', { 'direct_marketing.email': 'yes' });
    const link = findLink((await readOutbox(t, me.subjectId)).filter((m) => m.template === 'consent.confirm_email')[0]!, '/account/privacy/confirm');
    const token = new URL(link).searchParams.get('token') ?? '';
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await client.get(`/account/privacy/confirm?token=${encodeURIComponent(forged)}`)).status).toBe(400);
    expect((await client.postForm('/account/privacy/confirm', { token: forged })).status).toBe(400);
    expect(await ledger(me.subjectId)).toEqual([]);
  });
});
