import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCase } from '../../../main/evidence/demo-data';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../fixtures';
import { writeSampleFiles } from '../media';
import { ItemsPage } from '../pages/items-page';
import { saveScreenshot } from '../screenshots';

let filesDir = '';
test.beforeEach(() => {
  filesDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-files-'));
});
test.afterEach(() => {
  rmSync(filesDir, { recursive: true, force: true });
});

// court-ruling.pdf is a 612 × 792 pt page; its third line ("The complaint is left without
// consideration.") sits between about 130 and 148 pt from the top.
const PAGE = { width: 612, height: 792 };
const THIRD_LINE = { x0: 60, y0: 127, x1: 580, y1: 152 };

test('redact: draw a box over a PDF line, apply, and the redacted derivative opens linked to its original without that text', async ({ app, demo }) => {
  expect(demo.counts.items).toBeGreaterThan(0);
  test.setTimeout(90_000);
  const page = app.page;
  const items = new ItemsPage(page);
  await items.open(demoCase.title);
  const { pdf } = writeSampleFiles(filesDir);
  app.core.dialogs.nextOpenFiles = [pdf];
  await items.addFiles();
  await items.row('court-ruling.pdf').click();
  const detail = items.detail();
  await expect(detail.getByTestId('item-pdf')).toBeVisible();

  await detail.getByRole('button', { name: 'Draw boxes to remove…' }).click();
  const overlay = detail.getByTestId('redact-overlay');
  await expect(overlay).toBeVisible();
  // The page's top, where the line is, into view (pressing the button scrolled the panel down).
  await overlay.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  const box = await overlay.boundingBox();
  if (!box) throw new Error('no overlay');
  const at = (x: number, y: number): [number, number] => [box.x + (x / PAGE.width) * box.width, box.y + (y / PAGE.height) * box.height];
  await page.mouse.move(...at(THIRD_LINE.x0, THIRD_LINE.y0));
  await page.mouse.down();
  await page.mouse.move(...at((THIRD_LINE.x0 + THIRD_LINE.x1) / 2, THIRD_LINE.y1), { steps: 4 });
  await page.mouse.move(...at(THIRD_LINE.x1, THIRD_LINE.y1), { steps: 4 });
  await page.mouse.up();
  await expect(detail.getByTestId('redact-box')).toHaveCount(1);
  await expect(detail.getByTestId('redact-count')).toHaveText('Areas marked: 1');
  await expectNoSeriousA11yViolations(page, 'redaction tools');
  await saveScreenshot(page, 'item-redact-boxes');

  await detail.getByRole('button', { name: 'Apply redaction' }).click();
  // The new derivative opens: linked to its original, its text read from the redacted copy.
  await expect(detail.getByText('A redacted derivative: open the original')).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  console.log('DBG', await detail.innerText());
  await expect(detail.getByTestId('item-text')).toContainText('Regional court (fictional)');
  await expect(detail.getByTestId('item-text')).not.toContainText('left without consideration');

  await detail.getByText('A redacted derivative: open the original').click();
  await expect(detail.getByTestId('item-text')).toContainText('left without consideration');
  await expect(detail.locator('.item-derivatives').getByText('(redacted)')).toBeVisible();
});
