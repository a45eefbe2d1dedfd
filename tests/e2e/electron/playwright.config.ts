// The Electron-only checks against the real app (Playwright's _electron), apart from the
// harness suite: `npx playwright test -c tests/e2e/electron/playwright.config.ts` after
// `npm run build`. Where the Electron binary was not downloaded, every test is skipped with the reason.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../../test-results/e2e-electron',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
});
