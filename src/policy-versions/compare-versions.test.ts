import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { dataMap } from '../datamap/datamap.registry.js';
import { defaultRegister } from '../register/register-yaml.js';
import { compareSnapshots, needsNotice } from './compare-versions.js';
import type { PolicySnapshot } from './policy-snapshot.js';

const retention = loadConfig({ CUSTODIAN_MASTER_KEY: Buffer.alloc(32, 1).toString('base64') }).retention;
const snapshot = (register = defaultRegister()): PolicySnapshot => ({ register, dataMap, retention });

describe('what counts as a change customers are told about', () => {
  it('treats a changed residency promise as a transfer change that needs a notice', () => {
    const before = snapshot();
    const register = defaultRegister();
    const changed = { ...register, residencyRules: register.residencyRules.map((rule) => ({ ...rule, how: `${rule.how} Replicas are kept for 30 days.` })) };
    const changes = compareSnapshots(before, snapshot(changed));
    expect(changes.changed).toEqual(['transfers']);
    expect(needsNotice(changes)).toBe(true);
  });

  it('treats new storage outside the EEA as a transfer, and new storage inside it as another change', () => {
    const register = defaultRegister();
    const abroad = { ...register, storageLocations: [...register.storageLocations, { region: 'Virginia', country: 'US', provider: 'Example Cloud', backups: true }] };
    expect(compareSnapshots(snapshot(), snapshot(abroad)).changed).toEqual(['transfers']);
    const nearby = { ...register, storageLocations: [...register.storageLocations, { region: 'Vienna', country: 'AT', provider: 'Example Cloud', backups: true }] };
    const inside = compareSnapshots(snapshot(), snapshot(nearby));
    expect(inside.changed).toEqual(['other']);
    expect(needsNotice(inside)).toBe(false);
  });
});
