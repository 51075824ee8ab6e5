import { parseArgs } from 'node:util';
import { openApp } from '../app/app.js';
import { loadConfig } from '../config/load-config.js';
import { generateScaleData } from '../scale-data/generate-scale-data.js';
import { defaultSeed, maxSubjects } from '../scale-data/scale-ratios.js';
import { alreadyGeneratedText, progressLine, summaryText } from '../scale-data/scale-summary.js';
import { commandLogger, type CliIo } from './cli-io.js';
import { usageExitCode, UsageError } from './usage.js';

function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return number;
}

function day(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new UsageError('--as-of must be a date such as 2026-01-31');
  return date;
}

/**
 * `custodian generate --subjects N [--seed S] [--as-of YYYY-MM-DD]`: fills the configured, empty
 * database with generated customers for benchmarks. Exit 2 when the database already holds people;
 * 0 when it was generated before with the same seed and size.
 */
export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { subjects: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.subjects === undefined) throw new UsageError('generate needs --subjects N');
  const subjects = wholeNumber(values.subjects, 'subjects', 1, maxSubjects)!;
  const seed = wholeNumber(values.seed, 'seed', 0, 4_294_967_295) ?? defaultSeed;
  const asOf = day(values['as-of']);

  const config = loadConfig();
  const app = await openApp({ config, logger: commandLogger(config, io) });
  try {
    const started = Date.now();
    io.stdout(`Generating ${subjects.toLocaleString('en-GB')} subjects with seed ${seed} into the ${config.database.kind === 'postgres' ? 'PostgreSQL database' : `PGlite database in ${config.database.directory}`}...\n`);
    const result = await generateScaleData(app.deps, { subjects, seed, ...(asOf ? { asOf } : {}), onProgress: (progress) => io.stdout(progressLine(progress, Date.now() - started)) });
    if (result.outcome === 'refused') {
      io.stderr(`custodian: ${result.reason}\n`);
      return usageExitCode;
    }
    io.stdout(result.outcome === 'already-generated' ? alreadyGeneratedText(result.marker) : summaryText(result));
    return 0;
  } finally {
    await app.close();
  }
}
