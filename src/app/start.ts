import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { seedDemo, type DemoSeedResult } from '../demo/seed-demo.js';
import { startBackgroundWork } from '../jobs/start-background-work.js';
import { ensureFirstOwner } from '../setup/ensure-first-owner.js';
import { openApp, type App } from './app.js';

export type FirstOwner = Awaited<ReturnType<typeof ensureFirstOwner>>;

export interface RunningCustodian {
  readonly app: App;
  /** Where the server really listens (the bound address), for tests and the banner. */
  readonly listenUrl: string;
  readonly firstOwner: FirstOwner;
  /** Null unless started with --demo; `seeded: false` when the demo data was already there. */
  readonly demo: DemoSeedResult | null;
  /** Stops accepting connections, stops background work, closes the database (releasing the PGlite lock). */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly demo: boolean;
  /** Customers the demo creates (default: a few hundred). */
  readonly demoCustomers?: number;
}

/**
 * The whole instance in one process: migrate, serve, run jobs, make sure an owner can get in.
 * Failure at any step undoes the earlier ones, so a failed start never leaves the data dir locked.
 */
export async function startCustodian(options: StartOptions): Promise<RunningCustodian> {
  const { config, logger } = options;
  const app = await openApp({ config, logger });
  let background: { stop(): unknown } | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await app.server.app.close();
      await background?.stop();
      await app.database.close();
    })();
    return stopping;
  };
  try {
    const listenUrl = await app.server.app.listen({ port: config.http.port, host: config.http.host });
    app.server.markReady();
    background = startBackgroundWork(app.deps);
    const firstOwner = await ensureFirstOwner(app.deps, logger);
    const demo = options.demo ? await seedDemo(app.deps, { customers: options.demoCustomers }) : null;
    return { app, listenUrl, firstOwner, demo, stop };
  } catch (error) {
    await stop().catch((closeError: unknown) => logger.error({ err: closeError }, 'failed to close after a failed start'));
    throw error;
  }
}
