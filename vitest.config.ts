import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Vitest defaults to cores − 1, one worker on a 2-core CI machine; the tests mostly wait on
    // PostgreSQL, Chromium and child processes, so two workers keep both cores busy.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
