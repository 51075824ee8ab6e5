import { loadConfig, type Config } from '../src/config/load-config.js';
import { openApp, type App } from '../src/app/app.js';
import { createLogger } from '../src/app/logger.js';
import { openTestDatabase, type DatabaseKind, type TestDatabase } from './test-database.js';
import { HttpClient } from './http-client.js';

export interface TestApp {
  readonly app: App;
  readonly database: TestDatabase;
  readonly baseUrl: string;
  readonly config: Config;
  /** A new browser-like client with its own cookie jar. */
  client(): HttpClient;
  close(): Promise<void>;
}

export const testMasterKey = Buffer.alloc(32, 7).toString('base64');

/** The real server on a real port, over a fresh database of the given kind. */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const config = loadConfig({ CUSTODIAN_MASTER_KEY: testMasterKey, CUSTODIAN_PORT: '8080', CUSTODIAN_LOG_LEVEL: 'silent', ...env });
  const app = await openApp({ config, logger: createLogger(config.logLevel), database });
  await app.server.app.listen({ port: 0, host: '127.0.0.1' });
  app.server.markReady();
  const address = app.server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    database,
    baseUrl,
    config,
    client: () => new HttpClient(baseUrl),
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}
