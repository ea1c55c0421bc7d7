import { defineConfig } from 'vitest/config';

// Two projects: unit tests run anywhere in seconds; integration tests (*.int.test.ts and test/)
// get one real broker and one real S3 bucket from the testkit's global setup.
export default defineConfig({
  test: {
    reporters: ['default', './packages/testkit/src/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'infra/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          // A bound for a hang, not a speed test: the multi-day engine tests take seconds on a busy machine.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.int.test.ts', 'services/*/test/**/*.int.test.ts', 'test/**/*.test.ts', 'infra/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', 'test/chaos/**'],
          globalSetup: ['packages/testkit/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // expect.poll waits for a page or a store to show what it must: its 1 s default was a
          // timing assertion in disguise on a loaded machine (the browser test's filtered feed).
          expect: { poll: { timeout: 15_000 } },
          // Two cores, one broker: a few files at a time keep timings sane.
          maxWorkers: 2,
        },
      },
      {
        // The whole pipeline under faults. It brings (and restarts) its own broker and S3 server,
        // so it runs on its own, after the others (`npm run test:chaos`).
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          testTimeout: 1_200_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
