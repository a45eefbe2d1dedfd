/**
 * The E2E harness (DESIGN §1): the real renderer bundle (out/renderer, as built
 * by `npm run build`) in Debian's Chromium, with window.vigil bridged through
 * page.exposeBinding to the very handler table main/ipc registers, over the
 * real core and real SQLCipher files. No Electron binary is needed.
 *
 * The core is hosted as in the app: in a child process (the app's own
 * out/main/core-host-entry.js) reached over the core-host protocol, this process
 * playing Electron main's part. Every spec runs so; none reaches into the open
 * vault. What a spec learns of it comes from outside (tests/e2e/outside.ts).
 *
 *   const app = await launchApp({ vaultDir });
 *   await app.page.getByRole('button', { name: 'Unlock' }).click();
 *   await app.close();
 *
 * Usable from Playwright specs and from a plain `npx tsx` script.
 */
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from '@playwright/test';
import { EVENTS, CHANNELS, methodName } from '../../shared/channels';
import { CONTENT_SECURITY_POLICY } from '../../main/app/security';
import { hostedTestCore, type HostedTestCore } from './hosted-core';

/** Where the page is served from; a name that can never resolve, so nothing leaks to a network. */
export const APP_URL = 'http://vigil.test';
const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(PROJECT_ROOT, 'out', 'renderer');

/** Chromium flags for this machine (TOOLCHAIN.md): headless, no sandbox (containers), no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Options of launchApp. */
export interface LaunchOptions {
  /** The vault folder the scripted folder dialog answers with (create or unlock). */
  vaultDir?: string;
  /** Use the default Argon2id limits instead of the fast test limits. */
  realKdf?: boolean;
  /** Window size; default 1280×800. */
  viewport?: { width: number; height: number };
  /** The interface language; default English. */
  locale?: string;
}

/** A running app. */
export interface LaunchedApp {
  page: Page;
  context: BrowserContext;
  /** Main's side of the core host behind the page: its parts (dialogs, clipboard, events) and the protocol. */
  core: HostedTestCore;
  /** Console errors, page errors, CSP violations and blocked outside requests seen so far. */
  problems: string[];
  /** On-disk paths of files the test drops, by file name (what webUtils would answer; drag-and-drop tests). */
  dropPaths: Map<string, string>;
  /** Closes the page and locks the vault. */
  close(): Promise<void>;
}

let sharedBrowser: Promise<Browser> | null = null;

/** The Chromium executable: VIGIL_CHROMIUM, else Debian's. */
export function chromiumPath(): string {
  return process.env['VIGIL_CHROMIUM'] ?? '/usr/bin/chromium';
}

function browser(): Promise<Browser> {
  sharedBrowser ??= chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  return sharedBrowser;
}

/** Closes the shared browser (end of a run). */
export async function closeBrowser(): Promise<void> {
  const pending = sharedBrowser;
  sharedBrowser = null;
  if (pending !== null) await (await pending).close();
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

async function serveRenderer(route: Route, pathname: string): Promise<void> {
  const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  const file = path.resolve(RENDERER_DIR, relative);
  if (!file.startsWith(RENDERER_DIR + path.sep) || !existsSync(file)) {
    await route.fulfill({ status: 404, body: 'not found' });
    return;
  }
  await route.fulfill({
    status: 200,
    headers: {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    },
    body: await fsp.readFile(file),
  });
}

/** What the init script builds window.vigil from: method name → channel, and the event names. */
interface BridgeSpec {
  methods: [string, string][];
  events: string[];
}

/** The page's global object, as far as the bridge uses it (this file is type-checked without DOM types). */
type PageGlobal = Record<string, unknown> & {
  __vigilInvoke: (channel: string, req: unknown) => Promise<unknown>;
  __vigilGrantDropped: (paths: string[]) => Promise<unknown>;
  __vigilEmit: (name: string, payload: unknown) => void;
  document: {
    addEventListener(type: string, cb: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  };
};

/** Runs in the page before any of its scripts: window.vigil over the two bindings. */
function installBridge(spec: BridgeSpec): void {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const w = globalThis as unknown as PageGlobal;
  const api: Record<string, unknown> = {};
  for (const [method, channel] of spec.methods) api[method] = (req: unknown) => w.__vigilInvoke(channel, req);
  api['onEvent'] = (name: string, cb: Listener) => {
    if (!spec.events.includes(name)) throw new Error(`There is no Vigil event named ${name}.`);
    const set = listeners.get(name) ?? new Set<Listener>();
    set.add(cb);
    listeners.set(name, set);
    return () => set.delete(cb);
  };
  // As the real preload: a dropped file's path (here from the test's dropPaths, there from webUtils) goes
  // to main's preload-only channel, and the page gets grants back, never paths.
  api['grantDroppedFiles'] = async (files: { name: string }[]) => {
    const known = (w['__vigilDropPaths'] as Record<string, string> | undefined) ?? {};
    const paths = files.map((f) => known[f.name] ?? '').filter((p) => p !== '');
    return paths.length === 0 ? { ok: true, value: { files: [] } } : w.__vigilGrantDropped(paths);
  };
  Object.defineProperty(w, 'vigil', { value: Object.freeze(api), writable: false, configurable: false });
  Object.defineProperty(w, '__vigilEmit', {
    value: (name: string, payload: unknown) => {
      for (const cb of listeners.get(name) ?? []) cb(payload);
    },
  });
  w.document.addEventListener('securitypolicyviolation', (event) => {
    console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
  });
}

async function collectBody(body: AsyncIterable<unknown> | null): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

/** Opens the app in a fresh page over a fresh core hosted in a child process. */
export async function launchApp(opts: LaunchOptions = {}): Promise<LaunchedApp> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the E2E tests.');
  }
  const problems: string[] = [];
  let page: Page | null = null;
  const onEvent = (name: string, payload: unknown): void => {
    void page
      ?.evaluate(([n, p]) => (globalThis as unknown as PageGlobal).__vigilEmit(n, p), [name, payload] as const)
      .catch(() => undefined);
  };
  const core = await hostedTestCore({
    mediaBase: `${APP_URL}/media`,
    onEvent,
    realKdf: opts.realKdf === true,
    onInternalError: (text) => problems.push(text),
  });
  if (opts.vaultDir !== undefined) core.dialogs.nextFolder = opts.vaultDir;
  const context = await (
    await browser()
  ).newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-GB',
    serviceWorkers: 'block',
    acceptDownloads: false,
  });
  const dropPaths = new Map<string, string>();
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== APP_URL) {
      // The app must never reach out: any such request is a failure of the run.
      problems.push(`blocked request to ${url.origin}`);
      await route.abort('blockedbyclient');
      return;
    }
    if (url.pathname.startsWith('/media/')) {
      // As main's vigil-media:// handler: the host serves the item's decrypted bytes over the protocol.
      const itemId = decodeURIComponent(url.pathname.slice('/media/'.length));
      const reply = await core.host.media(itemId, route.request().headers()['range'] ?? null, false);
      await route.fulfill({ status: reply.status, headers: reply.headers, body: await collectBody(reply.body) });
      return;
    }
    await serveRenderer(route, url.pathname);
  });
  await context.exposeBinding('__vigilInvoke', async (source, channel: unknown, req: unknown) => {
    // The same check as the Electron sender check: only the app's own main frame.
    if (source.frame !== source.page.mainFrame() || new URL(source.frame.url()).origin !== APP_URL) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'This request was refused because it did not come from the Vigil window.',
        },
      };
    }
    // The same raw forwarding as Electron main's: the host parses and validates.
    return core.host.call(channel, req);
  });
  // The preload-only channel the real preload calls for dropped files, through the same handler main registers.
  await context.exposeBinding('__vigilGrantDropped', async (source, paths: unknown) => {
    if (source.frame !== source.page.mainFrame())
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Refused.' } };
    return core.host.callPreload('dialog:dropped-files', { paths });
  });
  const spec: BridgeSpec = { methods: CHANNELS.map((c) => [methodName(c), c]), events: [...EVENTS] };
  // tsx/esbuild wrap named functions in __name(); define it so the serialised function runs in the page.
  await context.addInitScript({
    content: `var __name = (f) => f;\n(${installBridge.toString()})(${JSON.stringify(spec)});`,
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${APP_URL}/index.html`);
  const opened = page;
  return {
    page: opened,
    context,
    core,
    problems,
    dropPaths,
    close: async () => {
      await context.close();
      await core.dispose();
    },
  };
}

/**
 * Makes `dropPaths` known to the page's grantDroppedFiles, as Electron knows a dropped file's path (call after adding
 * entries).
 */
export async function publishDropPaths(app: LaunchedApp): Promise<void> {
  const entries = Object.fromEntries(app.dropPaths);
  await app.page.evaluate((paths) => {
    (globalThis as unknown as PageGlobal)['__vigilDropPaths'] = paths;
  }, entries);
}
