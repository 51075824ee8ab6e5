import { describe, expect, it } from 'vitest';
import { normaliseHostname, normaliseIp, publicServerIp } from './ip-addresses.js';
import { createLocalProvisioningAdapter, localProvisioningDelayMs } from './local-provisioning.js';

const serviceId = '3f2b8c1e-9a47-4d1e-8c55-0e6f1b2a7d90';

describe('server addresses and hostnames', () => {
  it('accepts public and documentation addresses in one spelling, and refuses what no server on the internet has', () => {
    expect(publicServerIp('203.0.113.9')).toBe('203.0.113.9');
    expect(publicServerIp('192.0.2.44')).toBe('192.0.2.44');
    expect(publicServerIp('8.8.8.8')).toBe('8.8.8.8');
    expect(publicServerIp(' 2001:DB8:77:0::10 ')).toBe('2001:db8:77::10');
    for (const refused of ['10.1.2.3', '172.16.0.1', '192.168.1.10', '127.0.0.1', '169.254.1.1', '100.64.1.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:203.0.113.1', '01.2.3.4', 'example.com', '']) {
      expect(publicServerIp(refused), refused).toBeNull();
    }
    expect(normaliseIp('2001:db8:77:0:0:0:0:10')).toBe(normaliseIp('2001:DB8:77::10'));
  });

  it('takes hostnames as DNS does: lower case, at least two labels, internationalised names in ASCII', () => {
    expect(normaliseHostname('Alice-Shop.Example')).toBe('alice-shop.example');
    expect(normaliseHostname('bücher.de')).toBe('xn--bcher-kva.de');
    expect(normaliseHostname('srv1.example.com.')).toBe('srv1.example.com');
    for (const refused of ['localhost', 'a..b', '-a.example', 'a-.example', '1.2.3.4', 'not a host', `${'a'.repeat(64)}.example`, '']) {
      expect(normaliseHostname(refused), refused).toBeNull();
    }
  });
});

describe('the local provisioning adapter', () => {
  it('provisions after a delay on its own clock, answering the same operation to a repeated request', async () => {
    const panel = createLocalProvisioningAdapter({ now: () => new Date('2025-03-01T10:00:00Z') });
    const request = { serviceId, kind: 'vps', planCode: 'vps-s', hostname: 'srv1.example.com' } as const;
    const first = await panel.provision(request);
    expect(first).toMatchObject({ state: 'pending', checkAfterMs: localProvisioningDelayMs.vps });
    expect(await panel.provision(request)).toEqual(first);
    if (first.state !== 'pending') throw new Error('expected pending');
    expect(await panel.operation(first.operationId)).toMatchObject({ state: 'pending' });

    panel.advanceClock(localProvisioningDelayMs.vps);
    const done = await panel.operation(first.operationId);
    expect(done).toEqual({ state: 'done', resource: { externalId: `vps-${serviceId}`, ipv4: expect.stringMatching(/^198\.51\.100\.(\d+)$/), ipv6: expect.stringMatching(/^2001:db8:[0-9a-f]{1,4}:[0-9a-f]{1,4}::1$/) } });
    expect(await panel.operation(first.operationId)).toEqual(done);
    expect(await panel.operation('lp1.forged')).toEqual({ state: 'failed', reason: 'unknown_operation' });
  });

  it('fails hostnames starting with "fail-" once the set-up has run, and follows suspend, unsuspend and terminate', async () => {
    const panel = createLocalProvisioningAdapter({ now: () => new Date() });
    const pending = await panel.provision({ serviceId, kind: 'shared_hosting', planCode: 'hosting-starter', hostname: 'fail-shop.example' });
    if (pending.state !== 'pending') throw new Error('expected pending');
    panel.advanceClock(localProvisioningDelayMs.shared_hosting);
    expect(await panel.operation(pending.operationId)).toEqual({ state: 'failed', reason: 'rejected_by_panel' });

    const id = `web-${serviceId}`;
    await panel.suspend(id);
    expect(await panel.status(id)).toBe('suspended');
    await panel.unsuspend(id);
    expect(await panel.status(id)).toBe('active');
    await panel.terminate(id);
    await panel.terminate(id);
    await panel.unsuspend(id);
    expect(await panel.status(id)).toBe('terminated');
    expect(await panel.status('something-else')).toBe('unknown');
  });

  it('issues one licence per service, refuses TEST-NET-1 servers, and judges software versions', async () => {
    const panel = createLocalProvisioningAdapter({ now: () => new Date() });
    const issued = await panel.issueLicence({ serviceId, planCode: 'panel-admin', serverIp: '203.0.113.5' });
    expect(issued).toMatchObject({ state: 'issued', licenceId: expect.stringMatching(/^CL-[A-Z2-9]{16}$/) });
    expect(await panel.issueLicence({ serviceId, planCode: 'panel-admin', serverIp: '203.0.113.5' })).toEqual(issued);
    expect(await panel.issueLicence({ serviceId: crypto.randomUUID(), planCode: 'panel-admin', serverIp: '192.0.2.7' })).toEqual({ state: 'failed', reason: 'server_ip_refused' });
    if (issued.state !== 'issued') throw new Error('expected a licence');
    const base = { licenceId: issued.licenceId, serverIp: '203.0.113.5' };
    expect(await panel.checkLicence({ ...base, version: '2.0' })).toEqual({ valid: true });
    expect(await panel.checkLicence({ ...base, version: 'v11.4.2' })).toEqual({ valid: true });
    expect(await panel.checkLicence({ ...base, version: '1.9.9' })).toEqual({ valid: false, reason: 'version_unsupported' });
    expect(await panel.checkLicence({ ...base, version: 'beta' })).toEqual({ valid: false, reason: 'version_unsupported' });
    await panel.terminate(issued.licenceId);
    expect(await panel.checkLicence({ ...base, version: '3' })).toEqual({ valid: false, reason: 'not_licensed' });
  });
});
