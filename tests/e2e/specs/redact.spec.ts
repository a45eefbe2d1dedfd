import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCase } from '../../../main/evidence/demo-data';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../fixtures';
import PDFDocument from 'pdfkit';
import { ItemsPage } from '../pages/items-page';
import { saveScreenshot } from '../screenshots';

let filesDir = '';
test.beforeEach(() => {
  filesDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-files-'));
});
test.afterEach(() => {
  rmSync(filesDir, { recursive: true, force: true });
});

// An A4 page (595 × 842 pt) with two lines; the second, at 200 pt from the top, is redacted.
const PAGE = { width: 595.28, height: 841.89 };
const THIRD_LINE = { x0: 60, y0: 192, x1: 560, y1: 225 };

/** Writes court-ruling.pdf (pdfkit) into `dir`. */
async function writeRuling(dir: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(18).text('Regional court (fictional)', 72, 100, { lineBreak: false });
  doc.text('The complaint is left without consideration.', 72, 200, { lineBreak: false });
  doc.end();
  await done;
  const file = path.join(dir, 'court-ruling.pdf');
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

test(
  'redact: draw a box over a PDF line, apply, and the redacted derivative opens linked to its original without ' +
    'that text',
  async ({ app, demo }) => {
    expect(demo.counts.items).toBeGreaterThan(0);
    test.setTimeout(90_000);
    const page = app.page;
    const items = new ItemsPage(page);

    await items.open(demoCase.title);
    app.core.dialogs.nextOpenFiles = [await writeRuling(filesDir)];
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
    const at = (x: number, y: number): [number, number] => [
      box.x + (x / PAGE.width) * box.width,
      box.y + (y / PAGE.height) * box.height,
    ];
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
    await expect(detail.getByTestId('item-text')).toContainText('Regional court (fictional)');
    await expect(detail.getByTestId('item-text')).not.toContainText('left without consideration');

    await detail.getByText('A redacted derivative: open the original').click();
    await expect(detail.getByTestId('item-text')).toContainText('left without consideration');
    await expect(detail.locator('.item-derivatives').getByText('(redacted)')).toBeVisible();
  },
);

test("redact: a person's names in a text item become their code in a new derivative", async ({ app, demo }) => {
  test.setTimeout(90_000);
  expect(demo.counts.items).toBeGreaterThan(0);
  const page = app.page;
  const items = new ItemsPage(page);
  await items.open(demoCase.title);
  const file = path.join(filesDir, 'visit-note.txt');
  // "Andrii Melnik" is an alias of the demo case's detainee, D-001.
  writeFileSync(file, 'Andrii Melnik asked for a visit on 3 March.\n');
  app.core.dialogs.nextOpenFiles = [file];
  await items.addFiles();
  await items.row('visit-note.txt').click();
  const detail = items.detail();
  await expect(detail.getByTestId('item-text')).toContainText('Andrii Melnik asked');
  await detail.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'D-001' });
  await detail.getByRole('button', { name: "Redact this person's names" }).click();
  await expect(detail.getByText('A redacted derivative: open the original')).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByTestId('item-text')).toHaveText('D-001 asked for a visit on 3 March.\n');
});
