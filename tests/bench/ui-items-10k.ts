// Benchmark (issue 5 §4): a case with 10,000 items in the E2E harness — time from the click on the
// Items tab to the first painted row (target ≤ 1 s), then frame times while scrolling to the end.
// Run alone with: npx tsx tests/bench/ui-items-10k.ts [items]   (needs `npx electron-vite build` first)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createCase } from '../../main/evidence/cases';
import { addFileItems } from '../../main/evidence/item-ingest';
import { createVault } from '../../main/vault/create';
import { closeBrowser, launchApp, type LaunchedApp } from '../e2e/harness';
import { ItemsPage } from '../e2e/pages/items-page';
import { UnlockPage } from '../e2e/pages/unlock-page';
import { fastKdf } from '../helpers/kdf';
import { BENCH_PASSPHRASE, fmt, makeTempDir, secondsSince, type BenchResult } from './lib';

const CASE_TITLE = 'Benchmark case with many items';
const FIRST_ROW_TARGET_MS = 1000;

/** The p-th percentile (0–100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** A fast-KDF vault in a temp folder with one case of `count` small items (stored through the core's batch ingest). */
export async function makeCaseVault(count: number): Promise<{ vaultDir: string; seconds: number }> {
  const root = makeTempDir('vigil-bench-ui-');
  const vaultDir = path.join(root, 'vault');
  const filesDir = path.join(root, 'files');
  mkdirSync(filesDir);
  const started = process.hrtime.bigint();
  const { vault } = await createVault(vaultDir, {
    memberName: 'Bench',
    passphrase: BENCH_PASSPHRASE,
    kdf: await fastKdf(),
  });
  try {
    const c = createCase(vault, { title: CASE_TITLE });
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const file = path.join(filesDir, `note-${String(i).padStart(5, '0')}.txt`);
      writeFileSync(file, `Note ${i}: a short record kept for the benchmark.\n`);
      files.push(file);
    }
    await addFileItems(vault, files, { caseId: c.id, extract: false }, () => undefined);
  } finally {
    await vault.close();
  }
  return { vaultDir, seconds: secondsSince(started) };
}

/** Launches the harness over `vaultDir`, unlocks it and opens the benchmark case (its overview). */
export async function openBenchCase(vaultDir: string): Promise<LaunchedApp> {
  const app = await launchApp({ vaultDir });
  await new UnlockPage(app.page).unlock(vaultDir, BENCH_PASSPHRASE);
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
  await app.page.getByText(CASE_TITLE, { exact: true }).first().click();
  await app.page.getByRole('tab', { name: 'Items' }).waitFor();
  return app;
}

// The in-page code is plain JavaScript text: tsx would wrap named functions in helpers the page does not have.

/** Clicks the Items tab from inside the page and resolves with the ms until a row is in a painted frame. */
async function timeFirstRow(page: Page): Promise<number> {
  // A row in the DOM at the start of a frame is painted by the end of that frame: resolve on the next one.
  return page.evaluate(`new Promise((resolve) => {
    const started = performance.now();
    const poll = () => (document.querySelector('.item-row') !== null ? requestAnimationFrame(() => resolve(performance.now() - started)) : requestAnimationFrame(poll));
    const tab = [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === 'Items');
    tab.click();
    requestAnimationFrame(poll);
  })`);
}

/** Scrolls the list to its end about 20 rows a frame (a brisk fling); returns the frame-to-frame times (ms). */
async function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const list = document.querySelector('[data-testid="items-list"]');
    const deltas = [];
    let last = 0;
    const step = (time) => {
      if (last !== 0) deltas.push(time - last);
      last = time;
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) return resolve(deltas);
      list.scrollTop += 1200;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`);
}

/** Measures first row and scrolling over a vault made by makeCaseVault. */
export async function measure(vaultDir: string, count: number, notes: string[] = []): Promise<BenchResult> {
  const app = await openBenchCase(vaultDir);
  try {
    const firstRowMs = await timeFirstRow(app.page);
    const label = await new ItemsPage(app.page).list().getAttribute('aria-label');
    const deltas = await scrollFrames(app.page);
    const p95 = percentile(deltas, 95);
    const rowsInDom = await app.page.locator('.items-list__row').count();
    return {
      name: 'ui-items-10k',
      figures: [
        {
          metric: `first row painted after clicking Items (${count} items)`,
          value: `${fmt(firstRowMs, 0)} ms`,
          target: `<= ${FIRST_ROW_TARGET_MS} ms`,
          pass: firstRowMs <= FIRST_ROW_TARGET_MS,
        },
        {
          metric: `scroll to the end: frame time p95 (${deltas.length} frames)`,
          value: `${fmt(p95, 1)} ms`,
          target: '',
          pass: null,
        },
        {
          metric: 'scroll to the end: frame time median / max',
          value: `${fmt(percentile(deltas, 50), 1)} / ${fmt(Math.max(...deltas), 1)} ms`,
          target: '',
          pass: null,
        },
        { metric: 'rows in the page at the end (virtualized)', value: String(rowsInDom), target: '', pass: null },
      ],
      notes: [
        `list label: ${label ?? '?'}`,
        ...notes,
        'headless Chromium, harness page; the core runs in the same process as the browser driver',
        `load average at the end: ${os
          .loadavg()
          .map((l) => fmt(l, 1))
          .join(' ')} on ${os.cpus().length} cores`,
      ],
    };
  } finally {
    await app.close();
    await closeBrowser();
  }
}

/** Runs the benchmark: makes the vault, then measures. */
export async function run(count = 10_000): Promise<BenchResult> {
  const made = await makeCaseVault(count);
  return measure(made.vaultDir, count, [
    `vault with ${count} items made in ${fmt(made.seconds, 1)} s (core batch ingest)`,
  ]);
}

// Not runStandalone from lib: the page object imports @playwright/test, which must not be pulled into run-all unless
// wanted.
if (path.basename(process.argv[1] ?? '') === path.basename(__filename)) {
  void import('./lib').then(({ runStandalone }) =>
    runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) : 10_000)),
  );
}
