/**
 * Electron main with the core hosted in a utilityProcess (docs/DESIGN.md §1,
 * "The core host"): the window's requests are checked for their sender here and
 * forwarded unparsed; dialogs, the clipboard, window events, the menu, the
 * auto-lock's view of input and vigil-media responses stay here, reached by the
 * host over the same port. No Argon2id or SQLite runs on this thread.
 */
import path from 'node:path';
import type { App, BrowserWindow, IpcMain, Menu as MenuType, PowerMonitor, Protocol } from 'electron';
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';
import { SupervisedCore } from '../host/supervised-core';
import { sendEvent } from '../ipc/events';
import { registerForwarded } from '../ipc/register';
import type { SenderCheck } from '../ipc/sender';
import { AUTO_LOCK_CHECK_MS } from '../session/auto-lock';
import { SettingsStore } from '../settings/settings-store';
import { forkUtilityCoreHost } from './core-host';
import { serveMediaProtocol } from './media-protocol';
import { utilityProcessLauncher } from './parser-process';
import { installMenu } from './menu';
import { menuLabels } from './menu-labels';
import { MEDIA_SCHEME } from './origin';
import { electronDialogs, writeSecretToClipboard } from './services';

/** What the hosted shell is built from. */
interface HostedShellOptions {
  app: App;
  ipcMain: Pick<IpcMain, 'handle'>;
  protocol: Pick<Protocol, 'handle'>;
  Menu: typeof MenuType;
  powerMonitor: Pick<PowerMonitor, 'on' | 'getSystemIdleTime'>;
  getWindow: () => BrowserWindow | null;
  senderCheck: SenderCheck;
  origins: readonly string[];
  isDev: boolean;
  /** Called if the host process keeps dying and is given up on (the app cannot go on without its vault). */
  onHostLost: () => void;
}

/** The running shell: what start.ts still needs. */
interface HostedShell {
  arrive(file: string): void;
}

// A key press restarts the host's idle clock; one note a second is enough for a limit counted in minutes.
const TOUCH_EVERY_MS = 1000;

// How long quitting waits for the host to lock its vault before it is ended anyway.
const QUIT_LOCK_WAIT_MS = 5000;

/** Starts the host and wires the shell to it; resolves once the host is ready. */
export async function startHostedShell(o: HostedShellOptions): Promise<HostedShell> {
  const userData = o.app.getPath('userData');
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    const window = o.getWindow();
    if (window !== null) sendEvent(window.webContents, name, payload);
  };
  const settingsFile = path.join(userData, 'settings.json');
  // A host that dies is started again (the window is sent to its unlock screen); one that keeps dying ends the app.
  const core = await SupervisedCore.start({
    spawn: forkUtilityCoreHost,
    main: { dialogs: electronDialogs(o.getWindow), writeSecretToClipboard, emit, parsers: utilityProcessLauncher },
    init: {
      appInfo: { name: o.app.getName(), version: o.app.getVersion() },
      settingsFile,
      mediaBase: `${MEDIA_SCHEME}://media`,
      validateResponse: o.isDev,
      errorLog: { file: path.join(userData, 'logs', 'errors.log'), appRoot: o.app.getAppPath() },
      reportInternalErrors: false,
      kdf: null,
      autoLock: true,
      // Only main can start a utilityProcess: the host's text extraction is started here and relayed.
      parsersFromMain: true,
    },
    onGiveUp: o.onHostLost,
  });
  // Quitting waits (a little) for the host to lock its vault, tasks first, before the host is ended.
  let quitting = false;
  let lockedForQuit = false;
  o.app.on('before-quit', (event) => {
    if (lockedForQuit) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void core.lockAndStop(QUIT_LOCK_WAIT_MS).finally(() => {
      lockedForQuit = true;
      o.app.quit();
    });
  });
  wireAutoLock(core, o);
  // The menu speaks the language saved at start (main only reads the settings; the host writes them).
  const labels = menuLabels(new SettingsStore(settingsFile).current().language ?? o.app.getLocale());
  installMenu(
    o.Menu,
    { platform: process.platform, appName: o.app.getName(), isDev: o.isDev, labels },
    { lock: () => void core.lock('user'), send: (action) => emit('app:menu', { action }) },
  );
  registerForwarded(o.ipcMain, o.senderCheck, {
    call: (channel, raw) => core.call(channel, raw),
    preload: (channel, raw) => core.callPreload(channel, raw),
  });
  serveMediaProtocol(o.protocol, (itemId, range, opts) => core.media(itemId, range, opts.head), o.origins);
  return { arrive: (file) => void core.arrive(file) };
}

/** Suspend and screen lock lock at once; key presses and the window's input idle time reach the host's auto-lock. */
function wireAutoLock(core: SupervisedCore, o: HostedShellOptions): void {
  o.powerMonitor.on('suspend', () => void core.lock('suspend'));
  o.powerMonitor.on('lock-screen', () => void core.lock('screen-lock'));
  let lastTouch = 0;
  o.app.on('browser-window-created', (_event, window) => {
    window.webContents.on('before-input-event', () => {
      const now = Date.now();
      if (now - lastTouch < TOUCH_EVERY_MS) return;
      lastTouch = now;
      core.touch();
    });
  });
  const report = (): void => {
    const window = o.getWindow();
    // Input counts only while our window is in front: typing in another program is not someone at the vault.
    const focused = window !== null && !window.isDestroyed() && window.isFocused();
    core.reportInputIdle(focused ? o.powerMonitor.getSystemIdleTime() * 1000 : null);
  };
  setInterval(report, AUTO_LOCK_CHECK_MS / 3).unref();
}
