/**
 * The Electron side of AppServices: native dialogs, the clipboard, and events
 * sent to the main window. The session and tasks are the same core objects
 * the E2E harness uses.
 */
import path from 'node:path';
import { app, clipboard, dialog, type BrowserWindow } from 'electron';
import type { AppServices } from '../ipc/services';
import { sendEvent } from '../ipc/events';
import { OpenedPackages } from '../session/opened-packages';
import { PathGrants } from '../session/path-grants';
import { TaskRegistry } from '../session/tasks';
import { VaultSession } from '../session/vault-session';
import { SettingsStore } from '../settings/settings-store';
import { MEDIA_SCHEME } from './origin';

/** Electron's native dialogs, over `getWindow`'s window when one is open (shared with the hosted core's main role). */
export function electronDialogs(getWindow: () => BrowserWindow | null): AppServices['dialogs'] {
  return {
    openFiles: async (opts) => {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        properties: opts.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        ...(opts.title === undefined ? {} : { title: opts.title }),
        ...(opts.filters === undefined ? {} : { filters: opts.filters }),
      };
      const result =
        window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
      return result.canceled ? [] : result.filePaths;
    },
    chooseFolder: async (opts) => {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        properties: opts.create ? ['openDirectory', 'createDirectory'] : ['openDirectory'],
        ...(opts.title === undefined ? {} : { title: opts.title }),
      };
      const result =
        window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    saveFile: async (opts) => {
      const window = getWindow();
      const options: Electron.SaveDialogOptions = {
        ...(opts.title === undefined ? {} : { title: opts.title }),
        ...(opts.defaultName === undefined ? {} : { defaultPath: opts.defaultName }),
      };
      const result =
        window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
      return result.canceled || result.filePath === undefined ? null : result.filePath;
    },
  };
}

/** Writes a secret to the clipboard and clears it after `clearAfterMs` if it is still there. */
export function writeSecretToClipboard(text: string, clearAfterMs: number): void {
  void Promise.resolve(clipboard.writeText(text));
  // Only clear it if it still holds the secret: the user may have copied something else since.
  setTimeout(() => {
    // readText is synchronous in older Electron and a promise in newer typings: accept both.
    void Promise.resolve(clipboard.readText()).then((current) => {
      if (current === text) clipboard.clear();
    });
  }, clearAfterMs).unref();
}

/** Builds the services for the window returned by `getWindow` (null while none is open). */
export function createElectronServices(
  info: { name: string; version: string },
  getWindow: () => BrowserWindow | null,
): AppServices {
  const emit: AppServices['emit'] = (name, payload) => {
    const window = getWindow();
    if (window !== null) sendEvent(window.webContents, name, payload);
  };
  const tasks = new TaskRegistry((progress) => emit('task:progress', progress));
  const grants = new PathGrants();
  const session = new VaultSession({
    onLocked: (reason) => {
      // However the vault was locked, nothing may keep working on it, nor on a file chosen before.
      tasks.cancelAll();
      grants.clear();
      emit('vault:locked', { reason });
    },
  });
  return {
    appInfo: () => info,
    session,
    settings: new SettingsStore(path.join(app.getPath('userData'), 'settings.json')),
    tasks,
    grants,
    // A package reaches the window at once only while it shows an open vault; else it waits for the unlock.
    openedPackages: new OpenedPackages(grants, (file) => {
      if (getWindow() === null || !session.state().unlocked) return false;
      emit('packages:opened', file);
      return true;
    }),
    dialogs: electronDialogs(getWindow),
    writeSecretToClipboard,
    mediaUrl: (itemId) => `${MEDIA_SCHEME}://media/${encodeURIComponent(itemId)}`,
    emit,
  };
}
