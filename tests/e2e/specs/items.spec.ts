import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { demoCase } from '../../../main/evidence/demo-data';
import { expectNoSeriousA11yViolations } from '../a11y';
import { expect, test } from '../fixtures';
import { recordWebm, writeSampleFiles } from '../media';
import { ItemsPage } from '../pages/items-page';
import { saveScreenshot } from '../screenshots';

/** Writes `mib` MiB of random bytes (not compressible, not deduplicated). */
async function writeRandomFile(file: string, mib: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < mib; i++) {
    if (!out.write(randomBytes(1 << 20))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

let filesDir = '';
test.beforeEach(() => {
  filesDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-files-'));
});
test.afterEach(() => {
  rmSync(filesDir, { recursive: true, force: true });
});

test('items: add three files with progress, view the image, the PDF and the text, edit a title; axe', async ({
  app,
  demo,
}) => {
  test.setTimeout(90_000);
  const page = app.page;
  const items = new ItemsPage(page);
  await items.open(demoCase.title);
  await expect(items.list()).toBeVisible();
  const before = demo.counts.items;
  await expect(items.list().getByRole('listitem')).toHaveCount(before);
  await expectNoSeriousA11yViolations(page, 'items tab');

  const { png, text, pdf } = writeSampleFiles(filesDir);
  app.core.dialogs.nextOpenFiles = [png, text, pdf];
  await items.addFiles();
  await expect(page.getByText('Files added and encrypted in the vault: 3.')).toBeVisible();
  const progress = app.core.events.filter((e) => e.name === 'task:progress');
  expect(progress.length).toBeGreaterThan(0);
  await expect(items.row('cell-window.png')).toBeVisible();
  await expect(items.row('visit-log.txt')).toBeVisible();
  await expect(items.list().getByRole('listitem')).toHaveCount(before + 3);
  await saveScreenshot(page, 'case-items');

  await items.row('cell-window.png').click();
  const image = items.detail().getByTestId('item-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(320);
  await expectNoSeriousA11yViolations(page, 'item viewer (image)');
  await saveScreenshot(page, 'item-viewer-image');

  await items.row('court-ruling.pdf').click();
  const canvas = items.detail().getByTestId('item-pdf');
  await expect(canvas).toBeVisible();
  await expect(items.detail().getByText('Page 1 of 1')).toBeVisible();
  // Drawn, not blank: some pixel of the page is dark (the text).
  await expect
    .poll(() =>
      canvas.evaluate((c) => {
        const el = c as unknown as {
          width: number;
          height: number;
          getContext(k: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
          };
        };
        const { data } = el.getContext('2d').getImageData(0, 0, el.width, el.height);
        return data.some((v, i) => i % 4 === 0 && v < 100);
      }),
    )
    .toBe(true);
  await expect(items.detail().getByTestId('item-text')).toContainText('left without consideration');
  await expectNoSeriousA11yViolations(page, 'item viewer (PDF)');
  await saveScreenshot(page, 'item-viewer-pdf-or-text');

  await items.row('visit-log.txt').click();
  await expect(items.detail().getByTestId('item-text')).toContainText('lawyer refused entry at the gate');

  await items.renameOpenItem('Visit log, March 2026');
  await expect(items.detail().getByRole('heading', { name: 'Visit log, March 2026' })).toBeVisible();
  await expect(items.row('Visit log, March 2026')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'item detail (text)');
});

test('items: a video recording plays in the viewer, streamed in byte ranges from the vault', async ({ app, demo }) => {
  test.setTimeout(60_000);
  const page = app.page;
  const browser = app.context.browser();
  if (browser === null) throw new Error('the app page has no browser');
  const video = path.join(filesDir, 'visit-recording.webm');
  writeFileSync(video, await recordWebm(browser, 320, 240, 1500));
  const items = new ItemsPage(page);
  await items.open(demoCase.title);
  await expect(items.list().getByRole('listitem')).toHaveCount(demo.counts.items);
  app.core.dialogs.nextOpenFiles = [video];
  await items.addFiles();
  await expect(page.getByText('Files added and encrypted in the vault: 1.')).toBeVisible();
  const ranges: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/media/')) ranges.push(r.headers()['range'] ?? 'none');
  });
  await items.row('visit-recording.webm').click();
  const player = items.detail().locator('video');
  await expect(player).toBeVisible();
  // The decoder read the frames' size from the decrypted stream: the file really plays.
  await expect
    .poll(() => player.evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth), { timeout: 15_000 })
    .toBe(320);
  await player.evaluate((v) => (v as unknown as { play: () => Promise<void> }).play());
  await expect
    .poll(() => player.evaluate((v) => (v as unknown as { currentTime: number }).currentTime), { timeout: 15_000 })
    .toBeGreaterThan(0.2);
  expect(ranges.some((r) => r.startsWith('bytes='))).toBe(true);
});

test('items: cancelling a large add adds nothing and leaves the list unchanged', async ({ app, demo }) => {
  test.setTimeout(120_000);
  const page = app.page;
  const items = new ItemsPage(page);
  await items.open(demoCase.title);
  await expect(items.list().getByRole('listitem')).toHaveCount(demo.counts.items);

  const big = path.join(filesDir, 'large-recording.bin');
  await writeRandomFile(big, 200);
  app.core.dialogs.nextOpenFiles = [big];
  await items.addFiles();
  await expect(items.progress()).toBeVisible();
  await expect(page.getByText('Storing large-recording.bin…')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText(/Adding was cancelled/)).toBeVisible({ timeout: 30_000 });
  await expect(items.progress()).toHaveCount(0);
  await expect(items.list().getByRole('listitem')).toHaveCount(demo.counts.items);
  await expect(items.row('large-recording.bin')).toHaveCount(0);
});

test(
  'items: dropped files are added through grants; a drop of something that is not a file on disk says to use Add ' +
    'files…',
  async ({ app, demo }) => {
    const page = app.page;
    const items = new ItemsPage(page);
    await items.open(demoCase.title);
    const { text } = writeSampleFiles(filesDir);
    const drop = async (name: string): Promise<void> => {
      await page.locator('.items-tab').evaluate((el, fileName) => {
        const g = globalThis as unknown as {
          DataTransfer: new () => { items: { add(f: unknown): void } };
          File: new (parts: string[], name: string) => unknown;
          DragEvent: new (t: string, init: object) => unknown;
        };
        const data = new g.DataTransfer();
        data.items.add(new g.File(['x'], fileName));
        (el as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(
          new g.DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }),
        );
      }, name);
    };
    const notice = page.getByText(/Some of the dropped items are not files Vigil can add/);
    // A File the page made itself has no path on disk, so main grants nothing for it.
    await drop('unknown.txt');
    await expect(notice).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);

    // A folder dropped on the window: main grants only regular files.
    app.dropPaths.set('a-folder', filesDir);
    app.dropPaths.set('visit-log.txt', text);
    const { publishDropPaths } = await import('../harness');
    await publishDropPaths(app);
    await drop('a-folder');
    await expect(notice).toBeVisible();
    await drop('visit-log.txt');
    await expect(items.row('visit-log.txt')).toBeVisible();
    await expect(items.list().getByRole('listitem')).toHaveCount(demo.counts.items + 1);
  },
);
