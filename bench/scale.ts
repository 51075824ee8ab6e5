/**
 * `npm run bench` (alone: `npx tsx bench/scale.ts [--subjects N | --full]`): generates N subjects
 * (20,000 by default, 1,000,000 with --full) into a temporary on-disk PGlite database, or into the
 * empty PostgreSQL database named by BENCH_DATABASE_URL, then times real routes over that data
 * against a bare route (/healthz) measured in the same run, and the retention sweep. Prints
 * numbers, asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openApp } from '../src/app/app.js';
import { createLogger } from '../src/app/logger.js';
import { loadConfig } from '../src/config/load-config.js';
import { systemContext } from '../src/context/request-context.js';
import { sweepRetention } from '../src/retention/sweep-retention.js';
import { generateScaleData } from '../src/scale-data/generate-scale-data.js';
import { defaultSeed, maxSubjects } from '../src/scale-data/scale-ratios.js';
import { createStaffMember } from '../src/staff/create-staff-member.js';
import { HttpClient } from '../test/http-client.js';

const { values } = parseArgs({ options: { subjects: { type: 'string' }, full: { type: 'boolean' } }, strict: true });
const subjects = values.full ? maxSubjects : Number(values.subjects ?? 20_000);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const warmup = Math.min(20, requests);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-scale-'));
const databaseUrl = process.env.BENCH_DATABASE_URL;
const config = loadConfig({ CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_MASTER_KEY: randomBytes(32).toString('base64'), CUSTODIAN_LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
const app = await openApp({ config, logger: createLogger(config.logLevel) });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function measure(send: (i: number) => Promise<Response>): Promise<number[]> {
  const once = async (i: number) => {
    const response = await send(i);
    await response.arrayBuffer();
    if (response.status >= 400) throw new Error(`answered ${response.status}`);
  };
  for (let i = 0; i < warmup; i++) await once(i);
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    await once(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

try {
  const where = databaseUrl ? 'PostgreSQL (BENCH_DATABASE_URL)' : `PGlite in ${dataDir}`;
  console.log(`Scale bench: ${subjects.toLocaleString('en-GB')} generated subjects (seed ${defaultSeed}), ${where}, node ${process.version}\n`);
  const started = performance.now();
  const result = await generateScaleData(app.deps, {
    subjects, seed: defaultSeed,
    onProgress: (p) => process.stdout.write(`  generating: ${p.subjectsDone.toLocaleString('en-GB')} subjects, ${((performance.now() - started) / 1000).toFixed(1)} s\r`),
  });
  if (result.outcome !== 'generated' || !result.password || !result.sampleEmail) throw new Error(`generation did not run: ${JSON.stringify(result)}`);
  const seconds = (performance.now() - started) / 1000;
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(`\nGenerated ${subjects.toLocaleString('en-GB')} subjects (${rows.toLocaleString('en-GB')} rows) in ${seconds.toFixed(1)} s: ${((seconds * 10_000) / subjects).toFixed(1)} s per 10,000 subjects.\n`);

  const db = app.deps.db;
  const baseUrl = await app.server.app.listen({ port: 0, host: '127.0.0.1' });
  app.server.markReady();

  // A support member searches by email (blind index; each search is audited) for generated customers.
  const staffPassword = `bench ${randomBytes(9).toString('base64url')}`;
  await createStaffMember(app.deps, systemContext('dpv:HumanResourceManagement'), { email: 'bench-support@staff.test', displayName: 'Bench support', role: 'support', password: staffPassword });
  const staff = new HttpClient(baseUrl);
  const staffSignIn = await staff.postForm('/console/sign-in', { email: 'bench-support@staff.test', password: staffPassword });
  if (staffSignIn.status !== 303) throw new Error(`staff sign-in answered ${staffSignIn.status}`);
  const staffToken = await staff.csrfToken();
  const sample = await db.selectFrom('accounts').select(['subject_id', 'email_enc']).orderBy('id').limit(50).execute();
  const emails = await Promise.all(sample.map(async (a) => (await app.deps.keyring.forSubject(db, a.subject_id)).decrypt(a.email_enc, 'accounts.email_enc')));

  // The customer with the most invoices reads their invoice list.
  const busiest = await db.selectFrom('invoices').select(['account_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('account_id').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
  const account = await db.selectFrom('accounts').select(['subject_id', 'email_enc']).where('id', '=', busiest.account_id!).executeTakeFirstOrThrow();
  const email = (await app.deps.keyring.forSubject(db, account.subject_id)).decrypt(account.email_enc, 'accounts.email_enc');
  const customer = new HttpClient(baseUrl);
  const signIn = await customer.api('POST', '/api/v1/session', { email, password: result.password });
  if (signIn.status !== 200) throw new Error(`customer sign-in answered ${signIn.status}`);

  const routes: Array<{ name: string; send: (i: number) => Promise<Response> }> = [
    { name: 'baseline GET /healthz', send: () => fetch(`${baseUrl}/healthz`, { headers: { accept: 'application/json' } }) },
    { name: 'POST /console/customers/search', send: (i) => staff.request('POST', '/console/customers/search', { form: { _csrf: staffToken, query: emails[i % emails.length]! }, headers: { accept: 'text/html' } }) },
    { name: `GET /account/billing (${busiest.n} inv.)`, send: () => customer.get('/account/billing') },
    { name: 'GET /api/v1/billing/invoices', send: () => customer.request('GET', '/api/v1/billing/invoices', { headers: { accept: 'application/json' } }) },
  ];
  console.log(`${requests} sequential requests per route (after ${warmup} warm-up)\n`);
  console.log(`${'route'.padEnd(34)} ${'mean ms'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'× baseline'.padStart(11)}`);
  let baseline = 0;
  for (const route of routes) {
    const times = await measure(route.send);
    const avg = mean(times);
    if (baseline === 0) baseline = avg;
    console.log(`${route.name.padEnd(34)} ${avg.toFixed(3).padStart(8)} ${percentile(times, 50).toFixed(3).padStart(8)} ${percentile(times, 95).toFixed(3).padStart(8)} ${(avg / baseline).toFixed(2).padStart(11)}`);
  }

  // The data holds a week of sweep backlog (sign-ins, licence checks, documents, applicants): the first sweep deletes it, the second finds nothing.
  for (const label of ['retention sweep (week of backlog)', 'retention sweep (nothing due)']) {
    const start = performance.now();
    const deleted = await sweepRetention(app.deps);
    const ms = performance.now() - start;
    const total = Object.values(deleted).reduce((a, b) => a + b, 0);
    console.log(`${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms, ${total.toLocaleString('en-GB')} rows deleted, × baseline ${(ms / baseline).toFixed(0)}`);
  }
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
