/** Screenshots of the main screens, kept as test artifacts (tests/e2e/artifacts/screenshots). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** Where screenshots go; CI keeps this folder. */
export const SCREENSHOT_DIR = path.resolve(__dirname, 'artifacts', 'screenshots');

/** Saves a full-page screenshot named `<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let fonts and transitions settle so the picture shows the screen at rest.
  await page.evaluate(() =>
    (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(
      () => undefined,
    ),
  );
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
