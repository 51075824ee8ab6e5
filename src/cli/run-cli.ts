import { isAppError } from '../errors/app-error.js';
import { auditVerifyCommand } from './audit-verify-command.js';
import type { CliIo } from './cli-io.js';
import { createStaffCommand } from './create-staff-command.js';
import { generateCommand } from './generate-command.js';
import { migrateCommand } from './migrate-command.js';
import { startCommand } from './start-command.js';
import { usage, usageExitCode, UsageError } from './usage.js';

export type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  start: startCommand,
  migrate: migrateCommand,
  'create-staff': createStaffCommand,
  audit: auditVerifyCommand,
  generate: generateCommand,
  help: async (args, io) => {
    if (args.length > 0) throw new UsageError(`help takes no arguments`);
    io.stdout(usage);
    return 0;
  },
};

/**
 * Runs one command and maps failures to exit codes: 2 for wrong usage and configuration (message
 * only, no stack: the operator has something to fix), 1 for anything else.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name === '--help' || name === '-h' ? commands.help : name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
  try {
    if (!command) throw new UsageError(name === undefined ? 'no command given' : `unknown command "${name}"`);
    return await command(name === '--help' || name === '-h' ? [] : args, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`custodian: ${(error as Error).message}\n\n${usage}`);
      return usageExitCode;
    }
    if (isAppError(error) && (error.code === 'CONFIG_INVALID' || error.code === 'DATA_DIR_LOCKED')) {
      io.stderr(`custodian: ${error.message}\n`);
      return usageExitCode;
    }
    if (isAppError(error)) {
      const fields = error.fieldErrors.map((f) => `\n  ${f.field}: ${f.message}`).join('');
      io.stderr(`custodian: ${error.message}${fields}\n`);
      return 1;
    }
    io.stderr(`custodian: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** node:util parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes. */
function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS');
}
