#!/usr/bin/env node
import { runCli } from './run-cli.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage.js';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    if (process.stdin.isTTY) throw new UsageError('--password-stdin expects the password piped in, e.g. printf %s "$PASSWORD" | custodian create-staff ...');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  },
  onStopSignal: (handler) => {
    let received = false;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (received) process.exit(1);
        received = true;
        handler(signal);
      });
    }
  },
  exit: (code) => process.exit(code),
};

const [command] = process.argv.slice(2);
const code = await runCli(process.argv.slice(2), io);
// `start` keeps serving after it returns; every other command is done and exits with its status.
if (command === 'start' && code === 0) process.exitCode = 0;
else process.exit(code);
