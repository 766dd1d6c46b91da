import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run soak`: the crash-injection harness and the file fuzzing with far
 * larger counts than `npm test` runs (40 kills per kind of work, 1000 cases per
 * kind of file; CRASH_KILLS / FUZZ_CASES set in the environment win, as do
 * CRASH_SEED / FUZZ_SEED to replay). One file at a time, so that kills land
 * in work that is not starved of CPU. Not part of `npm test`.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/crash/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    env: {
      CRASH_KILLS: process.env.CRASH_KILLS ?? '40',
      FUZZ_CASES: process.env.FUZZ_CASES ?? '1000',
    },
    testTimeout: 4 * 3600_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
