import { describe, expect, it, vi } from 'vitest';
import { fakeWebContents } from './fakes';

const created = vi.hoisted(() => ({ options: [] as unknown[], windows: [] as unknown[] }));

vi.mock('electron', async () => {
  const { fakeWebContents: makeContents } = await import('./fakes');
  class BrowserWindow {
    webContents = makeContents();
    once = vi.fn();
    on = vi.fn();
    constructor(options: unknown) {
      created.options.push(options);
      created.windows.push(this);
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, secureWebPreferences } = await import('../../../main/app/window');

describe('app/window/secureWebPreferences', () => {
  it('is exactly the hardened set', () => {
    expect(secureWebPreferences({ preloadPath: '/app/out/preload/index.js', devTools: false })).toStrictEqual({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });
});

describe('app/window/createMainWindow', () => {
  const window = createMainWindow({ preloadPath: '/p.js', devTools: true }) as unknown as {
    webContents: ReturnType<typeof fakeWebContents>;
  };
  const options = created.options[0] as { webPreferences: Record<string, unknown>; show: boolean };

  it('builds the window with the secure preferences, hidden until painted', () => {
    expect(options.webPreferences).toStrictEqual(secureWebPreferences({ preloadPath: '/p.js', devTools: true }));
    expect(options.show).toBe(false);
  });

  it('keeps the window title "Vigil" whatever the page sets, so no case name reaches the task bar', () => {
    expect(options).toMatchObject({ title: 'Vigil' });
    const on = (window as unknown as { on: ReturnType<typeof vi.fn> }).on;
    const handler = on.mock.calls.find(([event]) => event === 'page-title-updated')?.[1] as
      ((event: { preventDefault: () => void }) => void) | undefined;
    const event = { preventDefault: vi.fn() };
    handler?.(event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every navigation and redirect', () => {
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'vigil-app://app/other.html']) {
      expect(window.webContents.fire('will-navigate', url)).toBe(true);
      expect(window.webContents.fire('will-frame-navigate', { url })).toBe(true);
      expect(window.webContents.fire('will-redirect', url)).toBe(true);
    }
  });

  it('denies window.open for any URL', () => {
    for (const url of ['https://example.org/', 'vigil-app://app/index.html', 'about:blank']) {
      expect(window.webContents.openWindow(url)).toEqual({ action: 'deny' });
    }
  });

  it('prevents webview attachment', () => {
    expect(window.webContents.fire('will-attach-webview', {}, { src: 'https://example.org/' })).toBe(true);
  });

  it(
    'a file dropped on the window never navigates the page ' + '(file:// is refused, and drag-drop navigation is off)',
    () => {
      // What Chromium does with a drop it does not handle: navigate to the file's URL.
      for (const url of [
        'file:///home/someone/evidence/letter.pdf',
        'file:///C:/Users/someone/photo.jpg',
        'file:///tmp/a%20b.txt',
      ]) {
        expect(window.webContents.fire('will-navigate', url)).toBe(true);
        expect(window.webContents.fire('will-frame-navigate', { url, isMainFrame: true })).toBe(true);
      }
      expect(options.webPreferences['navigateOnDragDrop']).toBe(false);
    },
  );
});
