import { describe, expect, it } from 'vitest';
import { defaultRegister } from '../register/register-yaml.js';
import {
  cookieListVersion, grantedCategories, hasGpcSignal, isCurrent, newBrowserId, noticeVersionOf, parseChoice, serialiseChoice, serviceId, servicesOf, type StoredChoice,
} from './consent-choice.js';
import { resolveChoice } from './resolve-choice.js';

const cookies = defaultRegister().cookies;
const now = new Date('2026-11-22T12:00:00Z');
const current = { listVersion: cookieListVersion(cookies), noticeVersion: noticeVersionOf('Banner text'), now };

function choice(overrides: Partial<StoredChoice> = {}): StoredChoice {
  return {
    browserId: newBrowserId(), listVersion: current.listVersion, noticeVersion: current.noticeVersion, categories: ['analytics'], deniedServices: [],
    expiresAt: new Date('2027-05-22T12:00:00Z'), answered: true, gpcRecorded: false, ...overrides,
  };
}

describe('the custodian_consent cookie', () => {
  it('round-trips every field', () => {
    const original = choice({ categories: ['preferences', 'marketing'], deniedServices: ['analytics-example-analytics-inc'], gpcRecorded: true });
    expect(parseChoice(serialiseChoice(original))).toEqual(original);
    const none = choice({ categories: [], answered: false, gpcRecorded: true });
    expect(parseChoice(serialiseChoice(none))).toEqual(none);
  });

  it('treats malformed or tampered values as no choice', () => {
    const valid = serialiseChoice(choice());
    for (const bad of [undefined, '', 'yes', valid.replace(/^1\./, '2.'), `${valid}.extra`, valid.replace('.a.', '.x.'), valid.replace(/\.c\./, '..'), valid.replace(/\.-$/, '.Evil<script>'), valid.replace(/\.\d+\./, '.soon.')]) {
      expect(parseChoice(bad), String(bad)).toBeNull();
    }
  });

  it('is current only while unexpired and made against the same cookie list and notice', () => {
    expect(isCurrent(choice(), current)).toBe(true);
    expect(isCurrent(choice({ expiresAt: new Date(now.getTime() - 1000) }), current)).toBe(false);
    expect(isCurrent(choice({ expiresAt: now }), current)).toBe(false);
    expect(isCurrent(choice({ noticeVersion: noticeVersionOf('Changed wording') }), current)).toBe(false);
    expect(isCurrent(null, current)).toBe(false);
  });

  it('changes the cookie-list version when any field of any cookie changes', () => {
    const changed = cookies.map((c, i) => (i === 0 ? { ...c, duration: `${c.duration}!` } : c));
    expect(cookieListVersion(changed)).not.toBe(current.listVersion);
    expect(isCurrent(choice(), { ...current, listVersion: cookieListVersion([...cookies, { name: 'new', provider: 'P', category: 'marketing', duration: '1 day', purpose: 'Ads.' }]) })).toBe(false);
    expect(cookieListVersion(cookies.map((c) => ({ ...c })))).toBe(current.listVersion);
  });
});

describe('choices in force', () => {
  it('grants nothing without an answer, and never marketing under GPC', () => {
    expect(grantedCategories(null, false)).toEqual([]);
    expect(grantedCategories(choice({ answered: false, categories: ['analytics'] }), false)).toEqual([]);
    expect(grantedCategories(choice({ categories: ['analytics', 'marketing'] }), true)).toEqual(['analytics']);
  });

  it('counts only the exact Sec-GPC value "1"', () => {
    expect(hasGpcSignal('1')).toBe(true);
    for (const other of [undefined, '0', 'true', ' 1', '1, 1', ['1']]) expect(hasGpcSignal(other as never)).toBe(false);
  });

  it('resolves accept, reject and per-service settings', () => {
    const view = { cookies, gpc: false };
    const analytics = servicesOf(cookies).filter((s) => s.category === 'analytics');
    expect(analytics.map((s) => s.id)).toEqual([serviceId('analytics', 'Example Analytics Inc.')]);
    expect(resolveChoice({ choice: 'accept-all' }, view)).toEqual({ granted: ['preferences', 'analytics', 'marketing'], deniedServices: [] });
    expect(resolveChoice({ choice: 'reject-all', analytics: 'yes' }, view)).toEqual({ granted: [], deniedServices: [] });
    expect(resolveChoice({ choice: 'save', analytics: 'yes' }, view).granted).toEqual(['analytics']);
    expect(resolveChoice({ choice: 'save', service: analytics[0]!.id }, view).granted).toEqual(['analytics']);
    expect(resolveChoice({ choice: 'accept-all' }, { cookies, gpc: true }).granted).toEqual(['preferences', 'analytics']);
  });
});
