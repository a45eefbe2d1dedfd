// End-to-end tests: the real renderer bundle in Debian's Chromium over the real
// core (tests/e2e/harness.ts). `npm run build` must have run first (npm test does).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e/specs',
  outputDir: 'test-results/e2e',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Each app's core runs in a child process of its worker; one worker per core keeps SQLCipher and Argon2id honest.
  workers: process.env.CI ? 2 : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
});
