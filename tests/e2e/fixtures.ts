/** Playwright fixtures: each test gets a fresh temp vault folder and an app launched over it. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { closeBrowser, launchApp, type LaunchedApp } from './harness';

/** A passphrase strong enough for the create form's meter. */
export const E2E_PASSPHRASE = 'quiet orchard lantern seventeen';

interface Fixtures {
  /** A fresh folder for the vault (not yet created), removed after the test. */
  vaultDir: string;
  /** The app over `vaultDir`; the test fails if the page logged errors, CSP violations or tried the network. */
  app: LaunchedApp;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  vaultDir: async ({}, use) => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-'));
    await use(path.join(parent, 'vault'));
    rmSync(parent, { recursive: true, force: true });
  },
  app: async ({ vaultDir }, use, testInfo) => {
    const app = await launchApp({ vaultDir });
    await use(app);
    const problems = [...app.problems];
    await app.close();
    if (testInfo.status === testInfo.expectedStatus) expect(problems, 'page problems').toEqual([]);
  },
});

test.afterAll(async () => {
  await closeBrowser();
});

export { expect };
