/**
 * The E2E harness (DESIGN §1): the real renderer bundle (out/renderer, as built
 * by `npm run build`) in Debian's Chromium, with window.vigil bridged through
 * page.exposeBinding to the very handler table main/ipc registers, over the
 * real core and real SQLCipher files. No Electron binary is needed.
 *
 * By default the core is hosted as in the app: in a child process (the app's own
 * out/main/core-host-entry.js) reached over the core-host protocol, this process
 * playing Electron main's part. `inProcess: true` runs the table here instead, for
 * specs that reach into the open vault directly.
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
import { preloadHandlers } from '../../main/ipc/app.ipc';
import { dispatchByName } from '../../main/ipc/dispatch';
import { dispatchPreload } from '../../main/ipc/handle';
import { CONTENT_SECURITY_POLICY } from '../../main/app/security';
import { testServices, type RecordedEvent, type ScriptedDialogs, type TestServices } from '../helpers/app-services';
import { hostedTestCore, type HostedTestCore } from './hosted-core';
import type { Result } from '../../shared/contract';

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
  /** Run the core in this process (specs that reach into the vault) rather than hosted in a child. */
  inProcess?: boolean;
}

/** What every spec may use of the core's main role, hosted or not. */
export interface MainRole {
  dialogs: ScriptedDialogs;
  events: RecordedEvent[];
  clipboard: { text: string | null; clearAfterMs: number | null };
}

/** A running app. */
export interface LaunchedApp<C extends MainRole = MainRole> {
  page: Page;
  context: BrowserContext;
  /** The core behind the page: hosted (main's parts and the protocol) or in-process (the session itself). */
  core: C;
  /** Console errors, page errors, CSP violations and blocked outside requests seen so far. */
  problems: string[];
  /** On-disk paths of files the test drops, by file name (what webUtils would answer; drag-and-drop tests). */
  dropPaths: Map<string, string>;
  /** Closes the page and locks the vault. */
  close(): Promise<void>;
}

/** Serves an item's decrypted content to the page; set by the media module (vigil-media:// in the app). */
export type MediaResponder = (
  core: TestServices,
  itemId: string,
  rangeHeader: string | undefined,
) => Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;

let mediaResponder: MediaResponder | null = null;

/** Installs the function that answers APP_URL/media/<id> requests. */
export function setMediaResponder(responder: MediaResponder): void {
  mediaResponder = responder;
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

/** How the bindings reach the core: in this process or through the core-host protocol. */
interface Backend<C extends MainRole> {
  core: C;
  invoke(channel: unknown, req: unknown, problems: string[]): Promise<Result<unknown>>;
  grantDropped(paths: unknown): Promise<Result<unknown>>;
  media(
    itemId: string,
    range: string | undefined,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;
  dispose(): Promise<void>;
}

async function collectBody(body: AsyncIterable<unknown> | null): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
}

async function inProcessBackend(
  onEvent: (name: string, payload: unknown) => void,
  realKdf: boolean,
): Promise<Backend<TestServices>> {
  const core = await testServices({ mediaBase: `${APP_URL}/media`, ...(realKdf ? { realKdf: true } : {}), onEvent });
  return {
    core,
    invoke: (channel, req, problems) =>
      dispatchByName(core.table, channel, req, {
        validateResponse: true,
        onInternalError: (error, ch) => problems.push(`internal error on ${ch}: ${String(error)}`),
      }),
    grantDropped: (paths) =>
      dispatchPreload(
        'dialog:dropped-files',
        preloadHandlers(core.services)['dialog:dropped-files'],
        { paths },
        { validateResponse: true },
      ),
    media: async (itemId, range) => {
      if (mediaResponder === null) return { status: 404, headers: {}, body: Buffer.from('no media responder') };
      return mediaResponder(core, itemId, range);
    },
    dispose: () => core.dispose(),
  };
}

async function hostedBackend(
  onEvent: (name: string, payload: unknown) => void,
  realKdf: boolean,
  problems: string[],
): Promise<Backend<HostedTestCore>> {
  const core = await hostedTestCore({
    mediaBase: `${APP_URL}/media`,
    onEvent,
    realKdf,
    onInternalError: (text) => problems.push(text),
  });
  return {
    core,
    // The same raw forwarding as Electron main's: the host parses and validates.
    invoke: (channel, req) => core.host.call(channel, req),
    grantDropped: (paths) => core.host.callPreload('dialog:dropped-files', { paths }),
    media: async (itemId, range) => {
      const reply = await core.host.media(itemId, range ?? null, false);
      return { status: reply.status, headers: reply.headers, body: await collectBody(reply.body) };
    },
    dispose: () => core.dispose(),
  };
}

/** Opens the app in a fresh page over a fresh core (hosted in a child unless `inProcess`). */
export function launchApp(opts: LaunchOptions & { inProcess: true }): Promise<LaunchedApp<TestServices>>;
export function launchApp(opts?: LaunchOptions & { inProcess?: false }): Promise<LaunchedApp<HostedTestCore>>;
export async function launchApp(opts: LaunchOptions = {}): Promise<LaunchedApp<TestServices | HostedTestCore>> {
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
  const realKdf = opts.realKdf === true;
  const backend: Backend<TestServices | HostedTestCore> =
    opts.inProcess === true
      ? await inProcessBackend(onEvent, realKdf)
      : await hostedBackend(onEvent, realKdf, problems);
  const core = backend.core;
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
      const answer = await backend.media(
        decodeURIComponent(url.pathname.slice('/media/'.length)),
        route.request().headers()['range'],
      );
      await route.fulfill(answer);
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
    return backend.invoke(channel, req, problems);
  });
  // The preload-only channel the real preload calls for dropped files, through the same handler main registers.
  await context.exposeBinding('__vigilGrantDropped', async (source, paths: unknown) => {
    if (source.frame !== source.page.mainFrame())
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Refused.' } };
    return backend.grantDropped(paths);
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
      await backend.dispose();
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
