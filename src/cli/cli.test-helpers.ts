import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/free-port.js';

export { freePort };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(repoRoot, 'src', 'cli', 'custodian.ts');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The child sees only PATH/HOME and the variables a test passes, so the developer's own
 * DATABASE_URL or CUSTODIAN_* settings cannot leak into a test.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), CUSTODIAN_LOG_LEVEL: 'warn', ...env };
}

/** Spawns the real CLI (`node --import tsx src/cli/custodian.ts ...`). */
export function spawnCustodian(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: repoRoot, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs a command to completion; a hang is killed after `limitMs` and reported with its output. */
export function runCustodian(args: string[], env: Record<string, string>, options: { input?: string; limitMs?: number } = {}): Promise<CliResult> {
  const child = spawnCustodian(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`custodian ${args.join(' ')} did not finish within ${options.limitMs ?? 90_000} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.limitMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Waits until the child's stdout matches; fails with everything it printed if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, limitMs = 90_000): Promise<string> {
  let seen = '';
  let errors = '';
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(guard);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onError);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(seen);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) done();
    };
    const onError = (chunk: Buffer) => (errors += chunk.toString());
    const onExit = (code: number | null) => done(new Error(`custodian exited (${code}) before printing ${pattern}\nstdout:\n${seen}\nstderr:\n${errors}`));
    const guard = setTimeout(() => done(new Error(`custodian did not print ${pattern} within ${limitMs} ms\nstdout:\n${seen}\nstderr:\n${errors}`)), limitMs);
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onError);
    child.on('exit', onExit);
  });
}

export function waitForExit(child: ChildProcess, limitMs = 60_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`custodian did not exit within ${limitMs} ms`));
    }, limitMs);
    child.once('exit', (code) => {
      clearTimeout(guard);
      resolve(code);
    });
  });
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-cli-'));
}


/** A stack trace line, which configuration errors must never print. */
export const stackLine = /^\s+at .+\(.*:\d+:\d+\)$/m;
