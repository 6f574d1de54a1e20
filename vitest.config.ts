import { defineConfig } from 'vitest/config';

/**
 * Tiers: unit (no network), infra (CDK templates and the cdk-nag report), integration (against
 * one local stack, started once per run by test/support/global-setup.ts), browser (Chromium
 * against the pages on a stack of its own) and long (`npm run test:long`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/web/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Debian's Chromium against the pages on a local stack of their own (test/browser/support).
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // The long suite (`npm run test:long`): load and faults, each file on a stack of its own.
        test: { name: 'long', include: ['test/long/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 120_000 },
      },
    ],
  },
});
