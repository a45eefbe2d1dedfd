/** The one window factory: every window the app opens is built with these options. */
import { BrowserWindow, type WebPreferences } from 'electron';
import { lockNavigation } from './navigation';

/** What differs between windows: the preload script and whether devtools exist. */
export interface WindowOptions {
  preloadPath: string;
  /** Only in development; a packaged app has no devtools. */
  devTools: boolean;
}

/** The renderer's web preferences: sandboxed, isolated, no Node, no webviews, no network-fed features. */
export function secureWebPreferences(options: WindowOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Spellcheck would download dictionaries; the vault makes no network connection.
    spellcheck: false,
    navigateOnDragDrop: false,
    devTools: options.devTools,
  };
}

/** Creates the main window (hidden until its first paint), with navigation locked. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Vigil',
    backgroundColor: '#f5f4f0',
    webPreferences: secureWebPreferences(options),
  });
  lockNavigation(window.webContents);
  // The title stays "Vigil": a page title could one day carry a case's name onto the task bar and window lists.
  window.on('page-title-updated', (event) => {
    event.preventDefault();
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  return window;
}
