// Benchmark (issue 5 §4): a 1 GiB file added through the items tab in the E2E harness. Records when
// the page receives task:progress events (gap p95 and max, target ≤ 500 ms) and, while the ingest
// runs, times a navigation to the cases list and a search request.
// Run alone with: npx tsx tests/bench/ui-ingest-1gib.ts [MiB]   (needs `npx electron-vite build` first)
import path from 'node:path';
import os from 'node:os';
import type { Page } from '@playwright/test';
import { fmt, GIB, makeTempDir, MIB, removeTempDir, writeRandomFile, type BenchResult } from './lib';
import { makeCaseVault, openBenchCase, percentile } from './ui-items-10k';
import { closeBrowser } from '../e2e/harness';

const GAP_TARGET_MS = 500;

/** Starts recording, in the page, the arrival time of every task:progress event and the last one's numbers. */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__progress = [];
    window.vigil.onEvent('task:progress', (p) => window.__progress.push([performance.now(), p.done, p.total]));
  })()`);
}

/** Ms from a click on Cases in the navigation to the case list showing `title`. */
async function timeNavigation(page: Page, title: string): Promise<number> {
  const started = Date.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
  await page.getByText(title, { exact: true }).first().waitFor();
  return Date.now() - started;
}

/** Ms for a search request made by the page (through the same bridge the screens use). */
async function timeSearch(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const t = performance.now();
    const r = await window.vigil.searchQuery({ text: 'benchmark' });
    if (!r.ok) throw new Error(r.error.message);
    return performance.now() - t;
  })()`);
}

/**
 * Waits until the page has seen the report of all `bytes` (polled from here: waitForFunction needs eval, which the CSP
 * forbids).
 */
async function waitForLastProgress(page: Page, bytes: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const done = await page.evaluate(
      `window.__progress.length > 0 && window.__progress[window.__progress.length - 1][1] === ${bytes}`,
    );
    if (done === true) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The ingest did not finish within 10 minutes.');
}

/** Runs the benchmark with a file of `bytes` bytes. */
export async function run(bytes = GIB): Promise<BenchResult> {
  const made = await makeCaseVault(10);
  const dir = makeTempDir('vigil-bench-ui-ingest-');
  const file = path.join(dir, 'recording.bin');
  writeRandomFile(file, bytes);
  const app = await openBenchCase(made.vaultDir);
  try {
    const page = app.page;
    await page.getByRole('tab', { name: 'Items' }).click();
    await page.getByRole('list', { name: /^Items of this case/ }).waitFor();
    await recordProgress(page);
    app.core.dialogs.nextOpenFiles = [file];
    const started = Date.now();
    await page.getByRole('button', { name: 'Add files…' }).click();
    await page.getByRole('progressbar').waitFor();
    const busyFrom = (await page.evaluate('performance.now()')) as number;
    const navMs = await timeNavigation(page, 'Benchmark case with many items');
    const searchMs = await timeSearch(page);
    const busyTo = (await page.evaluate('performance.now()')) as number;
    await waitForLastProgress(page, bytes);
    const seconds = (Date.now() - started) / 1000;
    const events = (await page.evaluate('window.__progress')) as [number, number, number][];
    const gaps = events.slice(1).map((e, i) => e[0] - (events[i]?.[0] ?? e[0]));
    const p95 = percentile(gaps, 95);
    const max = Math.max(...gaps);
    const maxAt = events[gaps.indexOf(max) + 1]?.[0] ?? 0;
    const during = maxAt - max <= busyTo && maxAt >= busyFrom;
    const first = events[0]?.[0] ?? 0;
    return {
      name: 'ui-ingest-1gib',
      figures: [
        {
          metric: `add ${fmt(bytes / MIB, 0)} MiB through the items tab`,
          value: `${fmt(seconds, 1)} s, ${fmt(bytes / MIB / seconds, 0)} MiB/s`,
          target: '',
          pass: null,
        },
        {
          metric: `task:progress gaps in the page: p95 (${events.length} events)`,
          value: `${fmt(p95, 0)} ms`,
          target: `<= ${GAP_TARGET_MS} ms`,
          pass: p95 <= GAP_TARGET_MS,
        },
        {
          metric: 'task:progress gaps in the page: max',
          value: `${fmt(max, 0)} ms`,
          target: `<= ${GAP_TARGET_MS} ms`,
          pass: max <= GAP_TARGET_MS,
        },
        {
          metric: 'during the ingest: navigate to the cases list',
          value: `${fmt(navMs, 0)} ms`,
          target: '',
          pass: null,
        },
        { metric: 'during the ingest: a search request', value: `${fmt(searchMs, 0)} ms`, target: '', pass: null },
      ],
      notes: [
        `the longest gap ended ${fmt((maxAt - first) / 1000, 1)} s into the ingest ` +
          `(${during ? 'while' : 'not while'} the navigation and search ran, ` +
          `${fmt((busyFrom - first) / 1000, 1)}–${fmt((busyTo - first) / 1000, 1)} s)`,
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
    removeTempDir(dir);
  }
}

if (path.basename(process.argv[1] ?? '') === path.basename(__filename)) {
  void import('./lib').then(({ runStandalone }) =>
    runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) * MIB : GIB)),
  );
}
