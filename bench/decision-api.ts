/**
 * `npm run bench:decisions` (also run by `npm run bench`): the decision API on an on-disk PGlite
 * database, in this process. A bare route (/healthz) measured in the same run is the baseline;
 * decisions are reported as requests/s and as a ratio to it. Prints numbers, asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApiClient } from '../src/api-clients/manage-api-clients.js';
import { openApp } from '../src/app/app.js';
import { createLogger } from '../src/app/logger.js';
import { loadConfig } from '../src/config/load-config.js';
import { noticeTextHash, recordConsent } from '../src/consent/record-consent.js';
import { inTransaction, systemContext } from '../src/context/request-context.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 500);
const batchSize = Number(process.env.BENCH_BATCH ?? 100);
const warmup = Math.min(50, requests);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-decisions-'));
const config = loadConfig({ CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_MASTER_KEY: randomBytes(32).toString('base64'), CUSTODIAN_LOG_LEVEL: 'silent' });
const app = await openApp({ config, logger: createLogger(config.logLevel) });
try {
  const db = app.deps.db;
  const { key } = await createApiClient(db, systemContext('dpv:ServiceSecurity'), { name: 'bench', scopes: ['consent:read'], createdBySubjectId: null });
  const subjects: string[] = [];
  for (let i = 0; i < 50; i++) {
    const subjectId = (await db.insertInto('subjects').values({ kind: 'customer' }).returning('id').executeTakeFirstOrThrow()).id;
    subjects.push(subjectId);
    await inTransaction(db, systemContext('dpv:LegalCompliance'), (ctx) =>
      recordConsent(ctx, { subjectId, purpose: 'dpv:DirectMarketing', channel: 'email', status: i % 2 ? 'given' : 'withdrawn', method: 'account_form', noticeVersion: 'bench', noticeTextHash: noticeTextHash('bench') }),
    );
  }
  const item = (i: number) => ({ subjectId: subjects[i % subjects.length], purpose: i % 4 === 3 ? 'dpv:ServiceProvision' : 'dpv:DirectMarketing', channel: 'email' });
  const baseUrl = await app.server.app.listen({ port: 0, host: '127.0.0.1' });
  app.server.markReady();
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json' };
  const routes = [
    { name: 'baseline GET /healthz', decisions: 1, send: () => fetch(`${baseUrl}/healthz`, { headers: { accept: 'application/json' } }) },
    { name: 'POST /api/v1/decisions', decisions: 1, send: (i: number) => fetch(`${baseUrl}/api/v1/decisions`, { method: 'POST', headers: auth, body: JSON.stringify(item(i)) }) },
    { name: `POST .../batch (${batchSize})`, decisions: batchSize, send: (i: number) => fetch(`${baseUrl}/api/v1/decisions/batch`, { method: 'POST', headers: auth, body: JSON.stringify({ items: Array.from({ length: batchSize }, (_, j) => item(i + j)) }) }) },
  ];
  console.log(`Decision API bench: ${requests} sequential requests per route (after ${warmup} warm-up), PGlite in ${dataDir}, node ${process.version}\n`);
  console.log(`${'route'.padEnd(28)} ${'mean ms'.padStart(8)} ${'req/s'.padStart(8)} ${'decisions/s'.padStart(12)} ${'× baseline'.padStart(11)}`);
  let baseline = 0;
  for (const route of routes) {
    const once = async (i: number) => {
      const response = await route.send(i);
      await response.arrayBuffer();
      if (response.status >= 400) throw new Error(`${route.name} answered ${response.status}`);
    };
    for (let i = 0; i < warmup; i++) await once(i);
    const start = performance.now();
    for (let i = 0; i < requests; i++) await once(i);
    const avg = (performance.now() - start) / requests;
    if (baseline === 0) baseline = avg;
    console.log(`${route.name.padEnd(28)} ${avg.toFixed(3).padStart(8)} ${(1000 / avg).toFixed(0).padStart(8)} ${((1000 / avg) * route.decisions).toFixed(0).padStart(12)} ${(avg / baseline).toFixed(2).padStart(11)}`);
  }
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
