import { describe, expect, it } from 'vitest';
import { createLocalRegistrarAdapter, localRegistryAuthCode, RegistrarUnavailableError, type RegistrarContacts } from './registrar.adapter.js';
import { parseDomainName } from './domain-names.js';

const contact = { name: 'Ada Lovelace', organisation: null, email: 'ada@example.test', phone: '+44 20 7946 0000', address: { street: '1 Analytical Row', postalCode: 'N1 9GU', city: 'London', country: 'GB' } };
const contacts: RegistrarContacts = { registrant: contact, admin: contact, tech: contact, billing: contact };
const start = new Date('2025-03-01T10:00:00Z');
const call = (at: Date) => ({ requestId: 'req-1', at });
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

describe('the local test registry', () => {
  const registry = createLocalRegistrarAdapter({ now: () => start });

  it('answers availability by name: "taken" is registered, a few labels are reserved, the rest is free', async () => {
    expect(await registry.checkAvailability('example-taken.com', call(start))).toEqual({ available: false, reason: 'registered' });
    expect(await registry.checkAvailability('nic.es', call(start))).toEqual({ available: false, reason: 'reserved' });
    expect(await registry.checkAvailability('ada-lovelace.es', call(start))).toEqual({ available: true });
  });

  it('registers asynchronously: pending until the delay passes, then done with an expiry years ahead', async () => {
    const submitted = await registry.register({ fqdn: 'ada-lovelace.es', years: 2, contacts, publishContactData: false }, call(start));
    expect(submitted).toMatchObject({ status: 'pending', checkAfter: minutes(2) });
    if (submitted.status !== 'pending') throw new Error('expected pending');
    expect(await registry.operationStatus(submitted.operationId, call(minutes(1)))).toMatchObject({ status: 'pending', checkAfter: minutes(2) });
    expect(await registry.operationStatus(submitted.operationId, call(minutes(2)))).toEqual({ status: 'done', operationId: submitted.operationId, expiresAt: new Date('2027-03-01T10:02:00Z') });
  });

  it('refuses what a registry refuses, at once or when the operation ends', async () => {
    expect(await registry.register({ fqdn: 'shop-taken.com', years: 1, contacts, publishContactData: false }, call(start))).toEqual({ status: 'failed', operationId: null, reason: 'not_available' });
    const rejected = await registry.register({ fqdn: 'rejected-name.com', years: 1, contacts, publishContactData: false }, call(start));
    if (rejected.status !== 'pending') throw new Error('expected pending');
    expect(await registry.operationStatus(rejected.operationId, call(minutes(3)))).toMatchObject({ status: 'failed', reason: 'rejected_by_registry' });
    expect(await registry.operationStatus('forged-id', call(start))).toMatchObject({ status: 'failed', reason: 'unknown_operation' });
    await expect(registry.checkAvailability('unreachable.com', call(start))).rejects.toBeInstanceOf(RegistrarUnavailableError);
  });

  it('transfers a registered name only with its auth code, after the transfer period, adding a year', async () => {
    expect(await registry.transfer({ fqdn: 'shop-taken.com', authCode: 'wrong-code', contacts }, call(start))).toMatchObject({ status: 'failed', reason: 'auth_code_invalid' });
    expect(await registry.transfer({ fqdn: 'free-name.com', authCode: localRegistryAuthCode('free-name.com'), contacts }, call(start))).toMatchObject({ status: 'failed', reason: 'not_registered' });
    const transfer = await registry.transfer({ fqdn: 'shop-taken.com', authCode: localRegistryAuthCode('shop-taken.com'), contacts }, call(start));
    if (transfer.status !== 'pending') throw new Error('expected pending');
    expect(transfer.checkAfter).toEqual(new Date('2025-03-06T10:00:00Z'));
    const done = await registry.operationStatus(transfer.operationId, call(transfer.checkAfter));
    if (done.status !== 'done' || !done.expiresAt) throw new Error('expected done');
    expect(done.expiresAt.getTime()).toBeGreaterThan(new Date('2026-03-01T10:00:00Z').getTime());
  });

  it('renews from the current expiry, never more than ten years ahead', async () => {
    const renewal = await registry.renew({ fqdn: 'ada-lovelace.es', years: 3, currentExpiry: new Date('2026-01-01T00:00:00Z') }, call(start));
    if (renewal.status !== 'pending') throw new Error('expected pending');
    expect(await registry.operationStatus(renewal.operationId, call(minutes(1)))).toMatchObject({ status: 'done', expiresAt: new Date('2029-01-01T00:00:00Z') });
    expect(await registry.renew({ fqdn: 'ada-lovelace.es', years: 10, currentExpiry: new Date('2026-01-01T00:00:00Z') }, call(start))).toMatchObject({ status: 'failed', reason: 'period_too_long' });
    expect(await registry.updateContact({ fqdn: 'ada-lovelace.es', role: 'tech', contact }, call(start))).toMatchObject({ status: 'done' });
  });
});

describe('domain names', () => {
  it('accepts second-level names under a TLD and normalises case and a trailing dot', () => {
    expect(parseDomainName(' Ada-Lovelace.ES. ')).toEqual({ fqdn: 'ada-lovelace.es', label: 'ada-lovelace', tld: 'es' });
    expect(parseDomainName('xn--mller-kva.de')).toMatchObject({ fqdn: 'xn--mller-kva.de' });
    for (const bad of ['es', 'www.example.com', '-bad.com', 'bad-.com', 'under_score.com', 'sp ace.com', 'ab--cd.com', `${'a'.repeat(64)}.com`, 'example.c0m']) {
      expect(parseDomainName(bad), bad).toBeNull();
    }
  });
});
