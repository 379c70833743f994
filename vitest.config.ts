import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/setup/summary-reporter.ts'],
    // Builds every component once per run (both engines), shared by the component, host and e2e tests.
    globalSetup: ['test/setup/components.ts'],
    // One seed for every randomized test: WITBUS_SEED, printed by fast-check on failure.
    setupFiles: ['test/setup/seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
