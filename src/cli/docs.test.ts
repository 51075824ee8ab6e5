import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../config/config.schema.js';
import { repoRoot } from './cli.test-helpers.js';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

// The docs are part of the product: a new setting or folder without its line fails here.
describe('documentation stays true', () => {
  it('README lists every environment variable of the config schema in its settings table, and no other', () => {
    const readme = read('README.md');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(environmentSchema.shape).sort());
  });

  it('README quick start holds exactly the two commands', () => {
    expect(read('README.md')).toContain('```sh\nnpm ci && npm start\nnpm ci && npm test\n```');
  });

  it('ARCHITECTURE has one line for every folder under src/', () => {
    const architecture = read('docs/ARCHITECTURE.md');
    const folders = fs.readdirSync(path.join(repoRoot, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const missing = folders.filter((name) => !new RegExp(`^  ${name}/ `, 'm').test(architecture));
    expect(missing).toEqual([]);
  });

  it('package.json wires start, test and bench as the README says', () => {
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.custodian).toBe('dist/cli/custodian.js');
    expect(pkg.scripts.start).toMatch(/build.*&& node dist\/cli\/custodian\.js start$/);
    expect(pkg.scripts.test).toMatch(/typecheck.*&& vitest run$/);
    expect(pkg.scripts.bench).toContain('bench/run.ts');
  });
});
