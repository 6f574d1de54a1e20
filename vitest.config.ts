import { defineConfig } from 'vitest/config';

/**
 * Three tiers: unit (no network), infra (CDK templates and the cdk-nag report) and integration
 * (against one local stack, started once per run by test/support/global-setup.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
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
        // The long suite (`npm run test:long`): load and faults, each file on a stack of its own.
        test: { name: 'long', include: ['test/long/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 120_000 },
      },
    ],
  },
});
