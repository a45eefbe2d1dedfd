import { PRELOAD_CHANNELS } from '../../../shared/areas/app.channels';
import { CHANNELS } from '../../../shared/channels';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';

type Handler = (...args: unknown[]) => unknown;

const state = vi.hoisted(() => ({
  gotLock: true,
  appListeners: new Map<string, Handler>(),
  ipcListeners: new Map<string, Handler>(),
  windows: [] as {
    webContents: { id: number; mainFrame: unknown };
    loadURL: ReturnType<typeof import('vitest').vi.fn>;
    focus: ReturnType<typeof import('vitest').vi.fn>;
  }[],
  ready: Promise.resolve(),
  powerListeners: new Map<string, Handler>(),
  menuTemplate: [] as unknown[],
  minimized: false,
}));

vi.mock('electron', async () => {
  const { fakeSession, fakeWebContents } = await import('./fakes');
  const app = {
    requestSingleInstanceLock: vi.fn(() => state.gotLock),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    on: vi.fn((event: string, listener: Handler) => state.appListeners.set(event, listener)),
    whenReady: vi.fn(() => state.ready),
    getName: () => 'vigil',
    getVersion: () => '0.1.0',
    getLocale: () => 'en-GB',
    // A folder that does not exist: the settings store then starts from its defaults.
    getPath: () => '/nonexistent/vigil-test-user-data',
    // Call sites in the error log are shown relative to it.
    getAppPath: () => '/nonexistent/vigil-test-app',
  };
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    webContents = Object.assign(fakeWebContents(state.windows.length + 1), { mainFrame: { url: '', parent: null } });
    loadURL = vi.fn(async (url: string) => {
      this.webContents.mainFrame.url = url;
    });
    once = vi.fn();
    on = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => state.minimized;
    isFocused = () => true;
    isDestroyed = () => false;
    constructor() {
      state.windows.push(this as never);
    }
  }
  return {
    app,
    BrowserWindow,
    // The core host cannot be started here (as if utilityProcess failed in a real install).
    utilityProcess: {
      fork: vi.fn(() => {
        throw new Error('no utility process here');
      }),
    },
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn((channel: string, listener: Handler) => state.ipcListeners.set(channel, listener)) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: fakeSession() },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => {
        state.menuTemplate = template;
        return { template };
      }),
      setApplicationMenu: vi.fn(),
    },
    powerMonitor: {
      on: vi.fn((event: string, listener: Handler) => state.powerListeners.set(event, listener)),
      getSystemIdleTime: vi.fn(() => 0),
    },
  };
});

const electron = await import('electron');
const { devServerOrigin, startApp } = await import('../../../main/app/start');

const options = { rendererDir: '/app/out/renderer', preloadPath: '/app/out/preload/index.js', isDev: false };

beforeEach(() => {
  vi.clearAllMocks();
  state.appListeners.clear();
  state.ipcListeners.clear();
  state.windows.length = 0;
  state.gotLock = true;
  state.powerListeners.clear();
  state.minimized = false;
});

describe('app/start/startApp', () => {
  it('quits at once when another instance holds the lock', () => {
    state.gotLock = false;
    startApp(options);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.enableSandbox).not.toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it(
    'sandboxes and registers the scheme before ready, ' + 'then sets up session, protocol, IPC and the window',
    async () => {
      startApp(options);
      expect(electron.app.enableSandbox).toHaveBeenCalled();
      expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
      await vi.waitFor(() => expect(state.windows).toHaveLength(1));
      expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
      expect(electron.protocol.handle).toHaveBeenCalledWith('vigil-app', expect.any(Function));
      expect([...state.ipcListeners.keys()].sort()).toEqual([...CHANNELS, ...PRELOAD_CHANNELS].sort());
      expect(state.windows[0]?.loadURL).toHaveBeenCalledWith('vigil-app://app/index.html');
    },
  );

  it(
    'asked for the hosted core, opens with the core on this thread when its host cannot be started: every ' +
      'channel answered, the window loaded, no error box',
    async () => {
      startApp({ ...options, hostedCore: true });
      await vi.waitFor(() => expect(state.windows).toHaveLength(1));
      expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(1);
      expect([...state.ipcListeners.keys()].sort()).toEqual([...CHANNELS, ...PRELOAD_CHANNELS].sort());
      expect(state.windows[0]?.loadURL).toHaveBeenCalledWith('vigil-app://app/index.html');
      expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    },
  );

  it('answers app:info to its own window only', async () => {
    startApp(options);
    await vi.waitFor(() => expect(state.windows[0]?.loadURL).toHaveBeenCalled());
    const window = state.windows[0];
    const listener = state.ipcListeners.get('app:info');
    const own = {
      sender: window?.webContents,
      senderFrame: window?.webContents.mainFrame,
    } as unknown as IpcMainInvokeEvent;
    await expect(listener?.(own, {})).resolves.toEqual({ ok: true, value: { name: 'vigil', version: '0.1.0' } });
    const foreignFrame = { url: 'https://example.org/', parent: null };
    const foreign = {
      sender: { id: 99, mainFrame: foreignFrame },
      senderFrame: foreignFrame,
    } as unknown as IpcMainInvokeEvent;
    await expect(listener?.(foreign, {})).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it(
    'focuses the first window when a second instance ' + 'starts, and quits when all windows close (not on macOS)',
    async () => {
      startApp(options);
      await vi.waitFor(() => expect(state.windows).toHaveLength(1));
      state.appListeners.get('second-instance')?.();
      expect(state.windows[0]?.focus).toHaveBeenCalled();
      state.appListeners.get('window-all-closed')?.();
      expect(electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
    },
  );
});

describe('app/start/startApp shell', () => {
  it('restores a minimized window before focusing it when a second instance starts', async () => {
    startApp(options);
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    state.minimized = true;
    state.appListeners.get('second-instance')?.();
    const window = state.windows[0] as unknown as {
      restore: ReturnType<typeof vi.fn>;
      focus: ReturnType<typeof vi.fn>;
    };
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it(
    'installs the application menu (no devtools in ' + 'production) and the suspend and screen-lock listeners',
    async () => {
      startApp(options);
      await vi.waitFor(() => expect(state.windows).toHaveLength(1));
      expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
      expect(JSON.stringify(state.menuTemplate)).not.toContain('toggleDevTools');
      expect([...state.powerListeners.keys()].sort()).toEqual(['lock-screen', 'suspend']);
    },
  );

  it('sends app:menu to its window when a Go item is chosen', async () => {
    startApp(options);
    await vi.waitFor(() => expect(state.windows).toHaveLength(1));
    const go = (state.menuTemplate as { label?: string; submenu?: { id?: string; click?: () => void }[] }[]).find(
      (m) => m.label === 'Go',
    );
    go?.submenu?.find((i) => i.id === 'go-search')?.click?.();
    const contents = state.windows[0]?.webContents as unknown as { send?: ReturnType<typeof vi.fn> };
    expect(contents.send).toHaveBeenCalledWith('app:menu', { action: 'search' });
  });
});

describe('app/start/devServerOrigin', () => {
  it('uses the dev server only in development and only on loopback', () => {
    expect(devServerOrigin({ isDev: true, devServerUrl: 'http://localhost:5173' })).toBe('http://localhost:5173');
    expect(devServerOrigin({ isDev: true, devServerUrl: 'http://127.0.0.1:5173/' })).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin({ isDev: false, devServerUrl: 'http://localhost:5173' })).toBeUndefined();
    expect(devServerOrigin({ isDev: true, devServerUrl: 'https://example.org' })).toBeUndefined();
    expect(devServerOrigin({ isDev: true, devServerUrl: 'http://localhost.example.org:5173' })).toBeUndefined();
    expect(devServerOrigin({ isDev: true, devServerUrl: undefined })).toBeUndefined();
  });
});
