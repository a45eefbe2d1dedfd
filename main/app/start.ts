/**
 * The app's life cycle: one instance, hardened process and session, the
 * renderer served from its own scheme, IPC registered, one window.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, type WebContents } from 'electron';
import path from 'node:path';
import { ErrorLog } from '../diagnostics/error-log';
import { registerParserLauncher } from '../ingest/parser-process';
import { preloadHandlers } from '../ipc/app.ipc';
import { createHandlerTable } from '../ipc/handlers';
import { registerHandlers } from '../ipc/register';
import { createSenderCheck, originOf } from '../ipc/sender';
import { installAutoLock } from './auto-lock';
import type { LaunchMode } from './launch-mode';
import { installMenu, menuHandlers } from './menu';
import { utilityProcessLauncher } from './parser-process';
import { menuLabels } from './menu-labels';
import { serveMediaProtocol } from './media-protocol';
import { APP_ENTRY_URL, APP_ORIGIN } from './origin';
import { registerSchemes, serveAppProtocol } from './protocol';
import { applySessionPolicy, hardenProcess, type NetworkPolicy } from './security';
import { startHostedShell } from './hosted-shell';
import { createElectronServices } from './services';
import { createMainWindow } from './window';

/** Where the built pieces are, and whether this is a development run. */
export interface StartOptions {
  /** The built renderer folder (out/renderer). */
  rendererDir: string;
  /** The built preload script (out/preload/index.js). */
  preloadPath: string;
  /** Development run: devtools, dev server, response validation. */
  isDev: boolean;
  /** electron-vite's renderer dev server (ELECTRON_RENDERER_URL); ignored unless isDev and on loopback. */
  devServerUrl?: string | undefined;
  /** Packages named on the command line (a double-click on a .tar.age), opened in the receive screen. */
  openPackages?: readonly string[];
  /** Decides what a second launch's arguments ask for (the CLI's subcommand names are needed for that). */
  modeOf?: (argv: readonly string[], cwd: string) => LaunchMode;
  /**
   * Run the core in a utilityProcess (main/app/hosted-shell.ts) rather than on this thread; the app's entry asks for it
   * unless VIGIL_HOSTED_CORE=0. If the host cannot be started, the core runs on this thread.
   */
  hostedCore?: boolean;
}

/** The dev server origin if it may be used: development only, loopback only. */
export function devServerOrigin(options: Pick<StartOptions, 'isDev' | 'devServerUrl'>): string | undefined {
  if (!options.isDev || options.devServerUrl === undefined) return undefined;
  const origin = originOf(options.devServerUrl);
  if (origin === null) return undefined;
  return /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin) ? origin : undefined;
}

/** Starts the app; call once from the main entry. */
export function startApp(options: StartOptions): void {
  if (!app.requestSingleInstanceLock()) {
    // Two processes on one vault would fight over its lock: hand over to the first one.
    app.quit();
    return;
  }
  hardenProcess(app);
  // Text extraction runs in a utilityProcess: fork would need ELECTRON_RUN_AS_NODE, which the fuses disable.
  registerParserLauncher(utilityProcessLauncher);
  registerSchemes(protocol);

  const devOrigin = devServerOrigin(options);
  const policy: NetworkPolicy = { allowDevTools: options.isDev, devServerOrigin: devOrigin };
  let mainWindow: BrowserWindow | null = null;

  const openWindow = async (): Promise<void> => {
    const window = createMainWindow({ preloadPath: options.preloadPath, devTools: options.isDev });
    mainWindow = window;
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    await window.loadURL(devOrigin === undefined ? APP_ENTRY_URL : `${devOrigin}/`);
  };

  const isOwnContents = (contents: WebContents): boolean =>
    mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === contents.id;

  // Packages the OS names before the services exist (macOS sends open-file before ready) wait here.
  const early: string[] = [...(options.openPackages ?? [])];
  let openPackage = (file: string): void => {
    early.push(file);
  };
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openPackage(file);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    const mode = options.modeOf?.(argv, cwd);
    if (mode?.kind === 'gui') for (const file of mode.openPackages) openPackage(file);
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    // macOS convention: the app stays in the dock until the user quits it.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow().catch(fatal);
  });

  const onReady = async (): Promise<void> => {
    applySessionPolicy(session.defaultSession, policy);
    serveAppProtocol(protocol, options.rendererDir);
    const origins = devOrigin === undefined ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin];
    // Unexpected errors reach the window as INTERNAL only; their kind and call sites go to a local log.
    const errorLog = new ErrorLog({
      file: path.join(app.getPath('userData'), 'logs', 'errors.log'),
      appRoot: app.getAppPath(),
    });
    if (options.hostedCore === true) {
      // If the host cannot be started at all, Vigil still opens, with the core on this thread as before; the log says
      // why. startHostedShell registers nothing before its host is ready, so nothing is left half set up.
      const shell = await startHostedShell({
        app,
        ipcMain,
        protocol,
        Menu,
        powerMonitor,
        getWindow: () => mainWindow,
        senderCheck: createSenderCheck({ origins, isOwnContents }),
        origins,
        isDev: options.isDev,
        onHostLost: () => fatal(new Error('The part of Vigil that holds the vault stopped unexpectedly, again.')),
      }).catch((error: unknown) => {
        errorLog.record(error, 'core-host:start');
        return null;
      });
      if (shell !== null) {
        openPackage = (file) => shell.arrive(file);
        for (const file of early.splice(0)) openPackage(file);
        await openWindow();
        return;
      }
    }
    const services = createElectronServices({ name: app.getName(), version: app.getVersion() }, () => mainWindow);
    openPackage = (file) => services.openedPackages.arrive(file);
    for (const file of early.splice(0)) openPackage(file);
    app.on('before-quit', () => void services.session.lock('quit'));
    installAutoLock(services, { app, powerMonitor, getWindow: () => mainWindow });
    // The menu speaks the interface's language as set at start (or the system's); a change applies at the next start.
    const labels = menuLabels(services.settings.current().language ?? app.getLocale());
    installMenu(
      Menu,
      { platform: process.platform, appName: app.getName(), isDev: options.isDev, labels },
      menuHandlers(services),
    );
    const table = createHandlerTable(services);
    registerHandlers(
      ipcMain,
      table,
      createSenderCheck({ origins, isOwnContents }),
      { validateResponse: options.isDev, onInternalError: errorLog.record },
      preloadHandlers(services),
    );
    serveMediaProtocol(protocol, services.session, origins);
    await openWindow();
  };
  void app.whenReady().then(onReady).catch(fatal);
}

/** A failure while starting: tell the person and stop, rather than run half set up. */
function fatal(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(
    'Vigil could not start',
    `${detail}\n\nRestart Vigil; if this keeps happening, report the problem.`,
  );
  app.exit(1);
}
