/**
 * `npm run bench`: the real server on an on-disk PGlite database, in this process. Sequential
 * requests to a bare route (/healthz) give the baseline; real routes are reported as ratios to it,
 * measured in the same run so the machine's speed cancels out. Prints numbers, asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../src/app/app.js';
import { createLogger } from '../src/app/logger.js';
import { loadConfig } from '../src/config/load-config.js';

const requests = Number(process.env.BENCH_REQUESTS ?? 500);
const warmup = Math.min(50, requests);

const routes = [
  { name: 'baseline GET /healthz', path: '/healthz', accept: 'application/json' },
  { name: 'GET /api/v1/csrf', path: '/api/v1/csrf', accept: 'application/json' },
  { name: 'GET /api/openapi.json', path: '/api/openapi.json', accept: 'application/json' },
  { name: 'GET / (page)', path: '/', accept: 'text/html' },
];

async function measure(baseUrl: string, route: (typeof routes)[number]): Promise<number[]> {
  const once = async () => {
    const response = await fetch(baseUrl + route.path, { headers: { accept: route.accept }, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status >= 400) throw new Error(`${route.path} answered ${response.status}`);
  };
  for (let i = 0; i < warmup; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-'));
const config = loadConfig({ CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_MASTER_KEY: randomBytes(32).toString('base64'), CUSTODIAN_LOG_LEVEL: 'silent' });
const app = await openApp({ config, logger: createLogger(config.logLevel) });
try {
  const baseUrl = await app.server.app.listen({ port: 0, host: '127.0.0.1' });
  app.server.markReady();
  console.log(`Custodian bench: ${requests} sequential requests per route (after ${warmup} warm-up), PGlite in ${dataDir}, node ${process.version}\n`);
  console.log(`${'route'.padEnd(26)} ${'mean ms'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'req/s'.padStart(8)} ${'× baseline'.padStart(11)}`);
  let baseline = 0;
  for (const route of routes) {
    const times = await measure(baseUrl, route);
    const avg = mean(times);
    if (baseline === 0) baseline = avg;
    console.log(`${route.name.padEnd(26)} ${avg.toFixed(3).padStart(8)} ${percentile(times, 50).toFixed(3).padStart(8)} ${percentile(times, 95).toFixed(3).padStart(8)} ${(1000 / avg).toFixed(0).padStart(8)} ${(avg / baseline).toFixed(2).padStart(11)}`);
  }
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
