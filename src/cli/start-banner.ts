import path from 'node:path';
import type { RunningCustodian } from '../app/start.js';
import type { Config } from '../config/load-config.js';
import type { DemoCredential, DemoSeedResult } from '../demo/seed-demo.js';

/**
 * What `custodian start` prints once it serves: where to go, where data and mail live, and how the
 * first owner gets in. Secrets appear here only for the one-time setup link and demo passwords.
 */
export function startBanner(config: Config, running: Pick<RunningCustodian, 'listenUrl' | 'firstOwner' | 'demo'>): string {
  const base = config.http.publicUrl;
  const database = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.database.directory}`;
  const mail = config.smtp ? `SMTP via ${config.smtp.host}:${config.smtp.port}` : `written as .eml files to ${path.join(config.dataDir, 'mail')}`;
  const lines = [
    '',
    `Custodian is running (listening on ${running.listenUrl}).`,
    `  Account area:   ${base}/`,
    `  Staff console:  ${base}/console`,
    `  API docs:       ${base}/api/docs  (OpenAPI: ${base}/api/openapi.json)`,
    `  Database:       ${database}`,
    `  Email:          ${mail}`,
    // Only the test processor ships; say so on every start, since it takes no money.
    `  Payments:       TEST PROCESSOR — anyone can pay with a test card; plug in your processor's adapter before taking real customers`,
    '',
    ...firstOwnerLines(config, running),
    ...(running.demo ? demoLines(running.demo, base) : []),
    'Stop with Ctrl+C (SIGINT) or SIGTERM.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function firstOwnerLines(config: Config, running: Pick<RunningCustodian, 'firstOwner' | 'demo'>): string[] {
  const outcome = running.firstOwner;
  if (outcome.kind === 'owner-created') {
    return [`First owner: owner ${config.owner?.email ?? ''} created from CUSTODIAN_OWNER_EMAIL.`, `  Sign in at ${config.http.publicUrl}/console/sign-in with CUSTODIAN_OWNER_PASSWORD.`, ''];
  }
  if (outcome.kind === 'setup-link') {
    // A demo owner made the link moot: setup refuses once any owner exists.
    if (running.demo?.seeded) return ['First owner: the demo owner below can sign in; no setup link is needed.', ''];
    return [
      'First owner: no staff member exists yet. Open this one-time link to create the owner',
      `(valid until ${outcome.expiresAt.toISOString()}; a restart issues a new one):`,
      `  ${outcome.setupLink}`,
      'Or set CUSTODIAN_OWNER_EMAIL and CUSTODIAN_OWNER_PASSWORD, or run: custodian create-staff --role owner ...',
      '',
    ];
  }
  return [`Staff sign in at ${config.http.publicUrl}/console/sign-in.`, ''];
}

function demoLines(demo: DemoSeedResult, base: string): string[] {
  if (!demo.seeded) return [`Demo data is already present (seeded ${demo.seededAt}); its passwords were printed then.`, ''];
  const row = (c: DemoCredential) => `  ${(c.role ?? c.name).padEnd(18)} ${c.email.padEnd(30)} ${c.password ?? '(existed before; password not shown)'}${c.totpSecret ? `  TOTP secret ${c.totpSecret}` : ''}`;
  return [
    'DEMO DATA (for trying Custodian only; these passwords are shown once):',
    `Customers, sign in at ${base}/sign-in:`,
    ...demo.customers.map(row),
    ...(demo.generated.count > 0 ? [`  and ${demo.generated.count} more customers (${demo.generated.emailPattern}), all with password ${demo.generated.password}`] : []),
    `Staff, one per role, sign in at ${base}/console/sign-in:`,
    ...demo.staff.map(row),
    '',
  ];
}
