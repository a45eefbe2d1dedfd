/**
 * What the handlers need from the rest of the program. The Electron shell
 * (main/app/start.ts) and the E2E harness (tests/e2e/harness.ts) each build one:
 * the same core objects, with their own dialogs, clipboard and event sink.
 */
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';
import type { SettingsStore } from '../settings/settings-store';
import type { OpenedPackages } from '../session/opened-packages';
import type { PathGrants } from '../session/path-grants';
import type { TaskRegistry } from '../session/tasks';
import type { VaultSession } from '../session/vault-session';

/** Native dialogs (Electron's dialog module in the app, scripted answers in the harness). */
export interface Dialogs {
  openFiles(opts: {
    title?: string | undefined;
    multiple: boolean;
    filters?: { name: string; extensions: string[] }[] | undefined;
  }): Promise<string[]>;
  chooseFolder(opts: { title?: string | undefined; create: boolean }): Promise<string | null>;
  saveFile(opts: { title?: string | undefined; defaultName?: string | undefined }): Promise<string | null>;
}

/** Everything the handler table is built from. */
export interface AppServices {
  /** The application's name and version (from Electron's app in the real shell). */
  appInfo(): { name: string; version: string };
  /** The open vault, if any. */
  session: VaultSession;
  /** The app's own settings (auto-lock time, language, last vault folder), readable while locked. */
  settings: SettingsStore;
  /** Long operations: progress and cancel. */
  tasks: TaskRegistry;
  dialogs: Dialogs;
  /**
   * The files and folders the person chose or dropped, as one-use grants: the only way a path reaches the core from the
   * window.
   */
  grants: PathGrants;
  /** Packages the operating system asked the app to open (double-click, second launch). */
  openedPackages: OpenedPackages;
  /** Writes a secret to the clipboard and clears it after `clearAfterMs` if it is still there. */
  writeSecretToClipboard(text: string, clearAfterMs: number): void;
  /** The URL the page loads an item's decrypted content from (vigil-media:// in the app). */
  mediaUrl(itemId: string): string;
  /** Sends an event to the window. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}
