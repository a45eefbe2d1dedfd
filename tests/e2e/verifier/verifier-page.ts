/**
 * Drives the offline verifier page (verify.html) in Debian's Chromium from a file:// URL with
 * every other request refused, recording console errors, page errors and CSP violations.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../harness';

/** A key as a person gives it to the page. */
export type PageKey = { identityFile: string } | { passphrase: string };

/** One check as the page shows it. */
export interface ShownCheck {
  check: string;
  mark: string;
  text: string;
}

/** What the page showed after a run. */
export interface PageOutcome {
  checks: ShownCheck[];
  verdict: string;
  status: string;
}

/** A page ready to verify, with what went wrong in it so far. */
export interface VerifierTab {
  page: Page;
  context: BrowserContext;
  problems: string[];
  url: string;
  close(): Promise<void>;
}

let browser: Promise<Browser> | null = null;

/** Opens `html` from disk in a fresh context where only file: URLs load. */
export async function openVerifier(html: string): Promise<VerifierTab> {
  browser ??= chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const context = await (await browser).newContext();
  const problems: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    problems.push(`request: ${url}`);
    return route.abort();
  });
  // Chromium also logs refusals itself; this makes sure every violation reaches the console.
  await context.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + " +
      "e.violatedDirective + ' blocked ' + e.blockedURI));",
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  const url = pathToFileURL(html).href;
  await page.goto(url);
  return { page, context, problems, url, close: () => context.close() };
}

/** Chooses the package and key, runs the check, and reads the outcome. */
export async function verifyIn(tab: VerifierTab, pkg: string, key: PageKey, timeout = 120_000): Promise<PageOutcome> {
  const { page } = tab;
  await page.goto(tab.url);
  await page.getByLabel('Package file (.tar.age)').setInputFiles(pkg);
  if ('identityFile' in key) await page.getByLabel(/age identity file/).setInputFiles(key.identityFile);
  else await page.getByLabel('or the package passphrase').fill(key.passphrase);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.locator('#status[data-state=done], #status[data-state=error]').waitFor({ timeout });
  const checks = await page.locator('#checks li').evaluateAll((lis) =>
    lis.map((li) => ({
      check: li.getAttribute('data-check') ?? '',
      mark: li.getAttribute('data-mark') ?? '',
      text: li.querySelector('.detail')?.textContent ?? '',
    })),
  );
  const verdict =
    (await page
      .locator('#verdict')
      .textContent({ timeout: 1000 })
      .catch(() => null)) ?? '';
  return { checks, verdict, status: (await page.locator('#status').textContent()) ?? '' };
}

/** A /proc file's text, or '' when its process has ended meanwhile. */
function procText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Resident memory (bytes) of the renderer processes of the browser this process launched, from /proc; 0 where there is
 * no /proc.
 */
function rendererRss(): Promise<number> {
  const root = process.pid;
  if (!fs.existsSync('/proc/self/status')) return Promise.resolve(0);
  const parent = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procText(`/proc/${name}/stat`);
    if (stat === '') continue;
    parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const pid of parent.keys()) {
    if (!under(pid)) continue;
    const cmd = procText(`/proc/${pid}/cmdline`);
    if (!cmd.includes('--type=renderer')) continue;
    const rss = /VmRSS:\s+(\d+) kB/.exec(procText(`/proc/${pid}/status`));
    total += Number(rss?.[1] ?? 0) * 1024;
  }
  return Promise.resolve(total);
}

/** Memory samples in bytes: the page's used JavaScript heap and its renderer processes' resident memory. */
export interface MemorySamples {
  heap: number[];
  rss: number[];
}

/**
 * Samples the page's used JavaScript heap (CDP Performance.getMetrics) and, since buffers
 * live outside that heap, the renderer processes' resident memory, until stopped.
 */
export async function sampleMemory(page: Page, everyMs: number): Promise<{ stop(): Promise<MemorySamples> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const samples: MemorySamples = { heap: [], rss: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
      if (used !== undefined) samples.heap.push(used);
      samples.rss.push(await rendererRss().catch(() => 0));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** Closes the browser these pages ran in. */
export async function closeVerifierBrowser(): Promise<void> {
  if (browser !== null) await (await browser).close();
  browser = null;
}
