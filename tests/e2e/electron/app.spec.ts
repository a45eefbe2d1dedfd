/**
 * The hardened shell in the real Electron binary: window options, CSP,
 * blocked navigation and network, denied permissions. Skipped, with the
 * reason printed, where the binary was not downloaded (the build machines).
 */
import { expect, test } from '@playwright/test';

/** The page's global object, as far as these checks use it (this file is type-checked without DOM types). */
type PageGlobal = Record<string, unknown> & {
  document: { createElement(tag: string): { textContent: string }; body: { append(node: unknown): void } };
  location: { href: string };
  open(url: string): unknown;
  Notification: { requestPermission(): Promise<string> };
};
import { electronUnavailable, launchElectronApp, type RunningApp } from './electron-app';

const unavailable = electronUnavailable();
if (unavailable !== null) console.log(`Electron suite skipped: ${unavailable}.`);

test.describe('electron shell', () => {
  test.skip(unavailable !== null, unavailable ?? '');
  let running: RunningApp;

  test.beforeAll(async () => {
    running = await launchElectronApp();
  });
  test.afterAll(async () => {
    await running.close();
  });

  test('the window is sandboxed and isolated, without Node, and loads the app scheme', async () => {
    // Electron 45 no longer reports a window's preferences; their effects are checked instead.
    expect(running.window.url()).toBe('vigil-app://app/index.html');
    const page = await running.window.evaluate(() => ({
      hasRequire: typeof (globalThis as Record<string, unknown>)['require'] !== 'undefined',
      hasProcess: typeof (globalThis as Record<string, unknown>)['process'] !== 'undefined',
      vigil: typeof (globalThis as Record<string, unknown>)['vigil'],
    }));
    expect(page).toEqual({ hasRequire: false, hasProcess: false, vigil: 'object' });
  });

  test('the CSP refuses inline script', async () => {
    const ran = await running.window.evaluate(() => {
      const w = globalThis as unknown as PageGlobal;
      const script = w.document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      w.document.body.append(script);
      return w['__inlineRan'] === true;
    });
    expect(ran).toBe(false);
  });

  test('navigation and new windows are refused', async () => {
    await running.window.evaluate(() => {
      (globalThis as unknown as PageGlobal).location.href = 'https://example.org/';
    });
    await running.window.waitForTimeout(500);
    expect(running.window.url()).toBe('vigil-app://app/index.html');
    expect(
      await running.window.evaluate(() => (globalThis as unknown as PageGlobal).open('https://example.org/') === null),
    ).toBe(true);
    expect(await running.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('the network is unreachable and permissions are denied', async () => {
    const fetched = await running.window.evaluate(async () => {
      try {
        await fetch('https://example.org/');
        return 'reached';
      } catch {
        return 'blocked';
      }
    });
    expect(fetched).toBe('blocked');
    expect(
      await running.window.evaluate(() => (globalThis as unknown as PageGlobal).Notification.requestPermission()),
    ).toBe('denied');
  });
});
