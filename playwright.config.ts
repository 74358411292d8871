import { defineConfig } from '@playwright/test';

// One worker: these machines have 2 cores and every test runs its own Chromium.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // CI (.ci/run exports CI=true) refuses a focused test.only instead of running just that one.
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
});
