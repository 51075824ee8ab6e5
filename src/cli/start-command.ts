import { parseArgs } from 'node:util';
import { createLogger } from '../app/logger.js';
import { startCustodian } from '../app/start.js';
import { loadConfig } from '../config/load-config.js';
import type { CliIo } from './cli-io.js';
import { startBanner } from './start-banner.js';
import { UsageError } from './usage.js';

/** `custodian start [--demo]`: serves until SIGINT/SIGTERM, then shuts down in order and exits 0. */
export async function startCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean' }, 'demo-customers': { type: 'string' } }, strict: true, allowPositionals: false });
  const demoCustomers = values['demo-customers'] === undefined ? undefined : Number(values['demo-customers']);
  if (demoCustomers !== undefined && (!Number.isInteger(demoCustomers) || demoCustomers < 5 || demoCustomers > 5000)) {
    throw new UsageError('--demo-customers must be a whole number from 5 to 5000');
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Handlers go in before start-up: a signal that arrives while starting (or the instant the
  // banner is out) must stop the instance cleanly, not kill it with the default action.
  const startup = startCustodian({ config, logger, demo: values.demo ?? false, demoCustomers });
  io.onStopSignal((signal) => {
    io.stdout(`\n${signal} received: stopping (a second signal forces exit)...\n`);
    startup.then((running) => running.stop()).then(
      () => {
        io.stdout('Custodian stopped.\n');
        io.exit(0);
      },
      (error: unknown) => {
        io.stderr(`custodian: shutdown failed\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        io.exit(1);
      },
    );
  });
  io.stdout(startBanner(config, await startup));
  return 0;
}
