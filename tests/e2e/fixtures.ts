/**
 * Playwright fixtures: each test gets a fresh temp vault folder and an app launched over it, its core hosted in a
 * child process as the app does. No spec reaches into the open vault: tests/e2e/outside.ts has what they use instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { createDemoVault, type DemoSummary } from '../../main/evidence/demo';
import { fastKdf } from '../helpers/kdf';
import { closeBrowser, launchApp, type LaunchedApp } from './harness';
import { UnlockPage } from './pages/unlock-page';

/** A passphrase strong enough for the create form's meter. */
export const E2E_PASSPHRASE = 'quiet orchard lantern seventeen';

/** The passphrase of the demo vault the `demo` fixture makes. */
export const DEMO_PASSPHRASE = 'demo vault passphrase for tests';

interface Fixtures {
  /** A fresh folder for the vault (not yet created), removed after the test. */
  vaultDir: string;
  /** The app over `vaultDir`; the test fails if the page logged errors, CSP violations or tried the network. */
  app: LaunchedApp;
  /** The fictional demo case (`vigil demo`) created in `vaultDir` and unlocked through the interface. */
  demo: DemoSummary;
}

/** The app with its core hosted in a child process, as in Vigil itself. */
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
  demo: async ({ vaultDir, app }, use) => {
    // The demo vault is made before the page unlocks it: the app sees a vault made by the CLI's own code.
    const summary = await createDemoVault(vaultDir, DEMO_PASSPHRASE, await fastKdf());
    await new UnlockPage(app.page).unlock(vaultDir, DEMO_PASSPHRASE);
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(summary);
  },
});

test.afterAll(async () => {
  await closeBrowser();
});

export { expect };
