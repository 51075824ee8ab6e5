import type { GenerateResult } from './generate-scale-data.js';
import type { ScaleMarker } from './scale-marker.js';

const count = (value: number) => value.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line per chunk written. */
export function progressLine(progress: { subjectsDone: number; subjects: number; chunksDone: number; chunks: number }, elapsedMs: number): string {
  const share = Math.round((100 * progress.subjectsDone) / Math.max(1, progress.subjects));
  return `  chunk ${progress.chunksDone}/${progress.chunks}: ${count(progress.subjectsDone)} of ${count(progress.subjects)} subjects (${share} %), ${seconds(elapsedMs)}\n`;
}

export function alreadyGeneratedText(marker: ScaleMarker): string {
  return `This database already holds the data generated with seed ${marker.seed} for ${count(marker.subjects)} subjects as of ${marker.asOf} (finished ${marker.finishedAt}); nothing to do.\n`;
}

/** What was generated, how fast, how to sign in, rows per table, and what the generator leaves out. */
export function summaryText(result: Extract<GenerateResult, { outcome: 'generated' }>): string {
  const { marker } = result;
  const per10k = result.subjectsWritten > 0 ? ` (${seconds((result.elapsedMs * 10_000) / result.subjectsWritten)} per 10,000 subjects)` : '';
  const lines = [
    '',
    `Generated ${count(result.subjectsWritten)} subjects in ${seconds(result.elapsedMs)}${per10k}; seed ${marker.seed}, as of ${marker.asOf}${result.resumedAtChunk > 0 ? `, resumed after chunk ${result.resumedAtChunk}` : ''}.`,
    `Subjects by kind: ${Object.entries(result.subjectsByKind).map(([kind, n]) => `${kind} ${count(n)}`).join(', ')}.`,
  ];
  if (result.sampleEmail) {
    lines.push(
      '',
      `Every generated customer signs in with one shared password, e.g. ${result.sampleEmail}`,
      result.password ? `  password: ${result.password}   (shown only now)` : '  password: the one printed when this generation started (it is not stored anywhere)',
      'All accounts share one precomputed argon2id hash of it: hashing a password per account would take days at this size.',
    );
  }
  const width = Math.max(...Object.keys(result.rows).map((table) => table.length));
  lines.push('', `${'table'.padEnd(width)}  ${'rows'.padStart(12)}`);
  for (const [table, rows] of Object.entries(result.rows)) lines.push(`${table.padEnd(width)}  ${count(rows).padStart(12)}`);
  lines.push(
    '',
    'Not generated: an audit event per row (the hash chain gets one valid entry per chunk instead), outbox emails, staff members.',
    'Deterministic: the same size, seed and date give the same plaintext and ids; ciphertexts differ (random IVs and data keys).',
    '',
  );
  return lines.join('\n');
}
