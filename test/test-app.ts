import { loadConfig, type Config } from '../src/config/load-config.js';
import { openApp, type App } from '../src/app/app.js';
import { createLogger } from '../src/app/logger.js';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './test-database.js';
import { HttpClient } from './http-client.js';
import { freePort } from './free-port.js';
import { backgroundJobHandlers, startBackgroundWork } from '../src/jobs/start-background-work.js';
import { createJobRunner } from '../src/jobs/start-worker.js';

export interface TestApp {
  readonly app: App;
  readonly database: TestDatabase;
  readonly baseUrl: string;
  readonly config: Config;
  /** A new browser-like client with its own cookie jar. */
  client(): HttpClient;
  /**
   * Runs due background jobs with the production handlers until none is due (or `rounds` passes);
   * returns how many ran. Jobs scheduled in the future stay queued unless `now` is moved.
   */
  runJobs(options?: { rounds?: number; now?: () => Date }): Promise<number>;
  close(): Promise<void>;
}

export const testMasterKey = Buffer.alloc(32, 7).toString('base64');

/** The real server on a real port, over a fresh database of the given kind. */
export interface TestAppOptions {
  /** Run the job worker and email sender as `custodian start` does (e.g. for browser flows). */
  readonly background?: boolean;
}

export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  // The public URL names the real port, so emailed links and the test processor's webhooks reach this server.
  const port = await freePort();
  const config = loadConfig({ CUSTODIAN_MASTER_KEY: testMasterKey, CUSTODIAN_PORT: String(port), CUSTODIAN_LOG_LEVEL: 'silent', ...env });
  const app = await openApp({ config, logger: createLogger(config.logLevel), database });
  await app.server.app.listen({ port, host: '127.0.0.1' });
  app.server.markReady();
  const baseUrl = `http://127.0.0.1:${port}`;
  const background = options.background ? startBackgroundWork(app.deps, { pollIntervalMs: 50 }) : null;
  return {
    app,
    database,
    baseUrl,
    config,
    client: () => new HttpClient(baseUrl),
    runJobs: async ({ rounds = 20, now } = {}) => {
      const deps = now ? { ...app.deps, now } : app.deps;
      const runner = createJobRunner(deps, backgroundJobHandlers(deps), { pollIntervalMs: 0, batchSize: 20 });
      let total = 0;
      for (let round = 0; round < rounds; round += 1) {
        const ran = await runner.runOnce();
        total += ran;
        if (ran === 0) break;
      }
      return total;
    },
    close: async () => {
      await background?.stop();
      await app.close();
      await database.dispose();
    },
  };
}
