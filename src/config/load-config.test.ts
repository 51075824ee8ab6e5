import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.js';
import { resolveMasterKey } from '../crypto/master-key.js';
import { runCustodian, stackLine, tempDataDir } from '../cli/cli.test-helpers.js';
import { loadConfig } from './load-config.js';

const validKey = Buffer.alloc(32, 1).toString('base64');

/** The message of the configuration error the environment causes; fails if it is accepted. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env, '/srv/custodian');
  } catch (error) {
    if (isAppError(error) && error.code === 'CONFIG_INVALID') return error.message;
    throw error;
  }
  throw new Error(`configuration was accepted: ${JSON.stringify(env)}`);
}

/** The problem lines below "Invalid configuration:". */
function problems(message: string): string[] {
  const [heading, ...lines] = message.split('\n');
  expect(heading).toBe('Invalid configuration:');
  return lines.map((line) => line.trim());
}

describe('loadConfig', () => {
  it.each([
    ['CUSTODIAN_PORT', { CUSTODIAN_PORT: '70000' }],
    ['CUSTODIAN_PORT', { CUSTODIAN_PORT: 'eighty' }],
    ['SMTP_PORT', { SMTP_PORT: '0' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db.example/custodian' }],
    ['DATABASE_URL', { DATABASE_URL: 'localhost:5432' }],
    ['CUSTODIAN_MASTER_KEY', { CUSTODIAN_MASTER_KEY: Buffer.alloc(16, 1).toString('base64') }],
    ['CUSTODIAN_MASTER_KEY', { CUSTODIAN_MASTER_KEY: 'not base64 at all, but long enough to be 44 chars' }],
    ['CUSTODIAN_SESSION_TTL', { CUSTODIAN_SESSION_TTL: '30 days' }],
    ['CUSTODIAN_SIGN_IN_LOCK_FOR', { CUSTODIAN_SIGN_IN_LOCK_FOR: 'P' }],
    ['CUSTODIAN_RETENTION_SENT_EMAIL', { CUSTODIAN_RETENTION_SENT_EMAIL: '-P30D' }],
    ['CUSTODIAN_PUBLIC_URL', { CUSTODIAN_PUBLIC_URL: 'account.example.com' }],
    ['CUSTODIAN_LOG_LEVEL', { CUSTODIAN_LOG_LEVEL: 'loud' }],
    ['CUSTODIAN_OWNER_EMAIL', { CUSTODIAN_OWNER_EMAIL: 'not-an-address', CUSTODIAN_OWNER_PASSWORD: 'a long enough password' }],
    ['CUSTODIAN_OWNER_PASSWORD', { CUSTODIAN_OWNER_EMAIL: 'owner@example.com', CUSTODIAN_OWNER_PASSWORD: 'short' }],
    ['CUSTODIAN_DEFAULT_MINIMUM_AGE', { CUSTODIAN_DEFAULT_MINIMUM_AGE: '12' }],
    ['CUSTODIAN_MINIMUM_AGE_BY_COUNTRY', { CUSTODIAN_MINIMUM_AGE_BY_COUNTRY: 'germany=16' }],
    ['CUSTODIAN_SECURE_COOKIES', { CUSTODIAN_SECURE_COOKIES: 'yes' }],
  ])('names %s in one clear line for %j', (variable, env) => {
    const lines = problems(configError(env));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${variable}: .{10,}`));
  });

  it('refuses an owner email without a password, and a password without an email', () => {
    expect(problems(configError({ CUSTODIAN_OWNER_EMAIL: 'owner@example.com' }))).toEqual(['CUSTODIAN_OWNER_EMAIL and CUSTODIAN_OWNER_PASSWORD must be set together']);
    expect(problems(configError({ CUSTODIAN_OWNER_PASSWORD: 'a long enough password' }))).toEqual(['CUSTODIAN_OWNER_EMAIL and CUSTODIAN_OWNER_PASSWORD must be set together']);
  });

  it('refuses SMTP credentials without a host', () => {
    expect(problems(configError({ SMTP_USER: 'mailer' }))).toEqual(['SMTP_USER is set but SMTP_HOST is not']);
  });

  it('lists every bad value at once, one line each', () => {
    const lines = problems(configError({ CUSTODIAN_PORT: '70000', DATABASE_URL: 'mysql://x', CUSTODIAN_SESSION_TTL: 'soon' }));
    expect(lines.map((line) => line.split(':')[0]).sort()).toEqual(['CUSTODIAN_PORT', 'CUSTODIAN_SESSION_TTL', 'DATABASE_URL']);
  });

  it('applies the defaults, treats empty values as unset and ignores unrelated variables', () => {
    const config = loadConfig({ CUSTODIAN_PORT: '', HOME: '/root', PORT: 'nonsense' }, '/srv/custodian');
    expect(config.http).toEqual({ port: 8080, host: '127.0.0.1', publicUrl: 'http://127.0.0.1:8080', secureCookies: false });
    expect(config.dataDir).toBe('/srv/custodian/data');
    expect(config.database).toEqual({ kind: 'pglite', directory: '/srv/custodian/data/pgdata' });
    expect(config.masterKey).toBeUndefined();
    expect(config.sessions).toEqual({ ttl: 'P14D', idleTtl: 'PT12H' });
  });

  it('reads a production setup: PostgreSQL, master key, HTTPS public URL with secure cookies', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://custodian@db/custodian', CUSTODIAN_MASTER_KEY: validKey, CUSTODIAN_PUBLIC_URL: 'https://account.example.com/', CUSTODIAN_PAYMENT_PROCESSOR: 'test' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://custodian@db/custodian' });
    expect(config.masterKey).toEqual(Buffer.alloc(32, 1));
    expect(config.http.publicUrl).toBe('https://account.example.com');
    expect(config.http.secureCookies).toBe(true);
  });

  it('refuses a public https:// instance that has not chosen its payment processor, since the test processor takes no money', () => {
    expect(() => loadConfig({ CUSTODIAN_PUBLIC_URL: 'https://account.example.com' })).toThrow(/CUSTODIAN_PAYMENT_PROCESSOR is not set/);
    expect(loadConfig({}).billing.paymentProcessor).toBe('test');
  });
});

describe('resolveMasterKey', () => {
  it('refuses PostgreSQL without CUSTODIAN_MASTER_KEY instead of inventing a key', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://custodian@db/custodian' });
    expect(() => resolveMasterKey(config, () => {})).toThrow(/CUSTODIAN_MASTER_KEY is required with DATABASE_URL/);
  });

  it('generates a key into the data directory for the embedded database, once, and warns', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-key-'));
    const config = loadConfig({ CUSTODIAN_DATA_DIR: dir });
    const warnings: string[] = [];
    const first = resolveMasterKey(config, (m) => warnings.push(m));
    const second = resolveMasterKey(config, (m) => warnings.push(m));
    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    expect((fs.statSync(path.join(dir, 'master.key')).mode & 0o777).toString(8)).toBe('600');
    expect(warnings[0]).toContain('CUSTODIAN_MASTER_KEY');
  });
});

describe('custodian with a bad configuration (real process)', () => {
  it('start with DATABASE_URL but no CUSTODIAN_MASTER_KEY exits 2 before touching the database, without a stack', async () => {
    // Port 1 on localhost has no PostgreSQL: reaching the database would fail differently (exit 1).
    const result = await runCustodian(['start'], { DATABASE_URL: 'postgres://custodian@127.0.0.1:1/custodian', CUSTODIAN_DATA_DIR: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CUSTODIAN_MASTER_KEY is required with DATABASE_URL');
    expect(result.stderr).not.toMatch(stackLine);
  });

  it('migrate with CUSTODIAN_PORT=70000 prints the one message and exits 2, without a stack', async () => {
    const result = await runCustodian(['migrate'], { CUSTODIAN_PORT: '70000', CUSTODIAN_DATA_DIR: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('custodian: Invalid configuration:\n  CUSTODIAN_PORT: Too big: expected number to be <=65535\n');
  });
});
