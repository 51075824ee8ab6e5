import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { createLogger } from '../app/logger.js';

/** Where a command writes; the entry point wires it to the process, so commands never touch globals. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Called on the first SIGINT/SIGTERM; a second one exits at once. Only `start` listens. */
  onStopSignal(handler: (signal: string) => void): void;
  exit(code: number): void;
}

const levelNames: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * One-off commands keep stdout for their answer and log to stderr as plain lines ("custodian:
 * warning: ..."), not JSON: a person reads them. The same redacting logger is underneath.
 */
export function commandLogger(config: Config, io: Pick<CliIo, 'stderr'>): Logger {
  const destination = {
    write(line: string) {
      const entry = JSON.parse(line) as { level: number; msg?: string };
      io.stderr(`custodian: ${levelNames[entry.level] ?? 'log'}: ${entry.msg ?? ''}\n`);
    },
  };
  return createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, destination);
}
