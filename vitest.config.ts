import { defineConfig } from 'vitest/config';

// Two groups so the fast feedback loop stays fast: `unit` (pure logic, in-process servers) and
// `slow` (real `bao` processes, real clients in other languages, terminal end-to-end runs).
// Slow tests are named `*.slow.test.ts(x)`.
export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/**/*.slow.test.{ts,tsx}', 'test/fixtures/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: ['test/**/*.slow.test.{ts,tsx}'],
          exclude: ['test/fixtures/**'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
