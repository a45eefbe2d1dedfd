/**
 * AppServices for tests and the E2E harness: the real session, tasks and core,
 * with scripted dialogs, a recorded clipboard and a recorded event stream.
 * Each test gets its own; `dispose()` locks the vault.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';
import type { AppServices, Dialogs } from '../../main/ipc/services';
import { OpenedPackages } from '../../main/session/opened-packages';
import { PathGrants, type GrantKind } from '../../main/session/path-grants';
import { TaskRegistry } from '../../main/session/tasks';
import { VaultSession } from '../../main/session/vault-session';
import { SettingsStore } from '../../main/settings/settings-store';
import { createHandlerTable } from '../../main/ipc/handlers';
import type { HandlerTable } from '../../main/ipc/dispatch';
import { fastKdf } from './kdf';

/** One recorded event. */
export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

/** Scripted answers for the native dialogs: set before the action that opens one. */
export interface ScriptedDialogs extends Dialogs {
  nextOpenFiles: string[];
  nextFolder: string | null;
  nextSaveFile: string | null;
}

/** Native dialogs that answer what the test set in nextOpenFiles / nextFolder / nextSaveFile. */
export function scriptedDialogs(): ScriptedDialogs {
  const dialogs: ScriptedDialogs = {
    nextOpenFiles: [],
    nextFolder: null,
    nextSaveFile: null,
    openFiles: async () => dialogs.nextOpenFiles,
    chooseFolder: async () => dialogs.nextFolder,
    saveFile: async () => dialogs.nextSaveFile,
  };
  return dialogs;
}

/** Test services plus what the test can inspect. */
export interface TestServices {
  services: AppServices;
  table: HandlerTable;
  dialogs: ScriptedDialogs;
  events: RecordedEvent[];
  clipboard: { text: string | null; clearAfterMs: number | null };
  /** Grants `target` as the native dialog would when the person chooses it (read-file unless told). */
  grant(target: string, kind?: GrantKind): string;
  /** Locks the vault (if open) and cancels running tasks. */
  dispose(): Promise<void>;
}

/** Options for testServices. */
export interface TestServicesOptions {
  /** Use the default (slow) Argon2id limits instead of the fast test limits. */
  realKdf?: boolean;
  /** The app settings file; default: settings.json in a fresh temp folder. */
  settingsFile?: string;
}

/** Builds services over a fresh session. */
export async function testServices(opts: TestServicesOptions = {}): Promise<TestServices> {
  const events: RecordedEvent[] = [];
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    events.push({ name, payload });
  };
  const kdf = opts.realKdf === true ? undefined : await fastKdf();
  const grants = new PathGrants();
  const session = new VaultSession({
    ...(kdf ? { kdf } : {}),
    onLocked: (reason) => {
      grants.clear();
      emit('vault:locked', { reason });
    },
  });
  const tasks = new TaskRegistry((progress) => emit('task:progress', progress));
  const dialogs = scriptedDialogs();
  const clipboard: TestServices['clipboard'] = { text: null, clearAfterMs: null };
  // Each services instance gets its own settings file unless the test names one (not the user's real profile).
  const settingsDir = opts.settingsFile === undefined ? mkdtempSync(path.join(os.tmpdir(), 'vigil-settings-')) : null;
  const services: AppServices = {
    appInfo: () => ({ name: 'Vigil', version: '0.0.0-test' }),
    session,
    settings: new SettingsStore(opts.settingsFile ?? path.join(settingsDir ?? '', 'settings.json')),
    tasks,
    grants,
    openedPackages: new OpenedPackages(grants, (file) => {
      if (!session.state().unlocked) return false;
      emit('packages:opened', file);
      return true;
    }),
    dialogs,
    writeSecretToClipboard: (text, clearAfterMs) => {
      clipboard.text = text;
      clipboard.clearAfterMs = clearAfterMs;
    },
    // The URL form the app's media protocol serves (main/app/media-protocol.ts).
    mediaUrl: (itemId) => `vigil-media://media/${encodeURIComponent(itemId)}`,
    emit,
  };
  return {
    services,
    table: createHandlerTable(services),
    dialogs,
    events,
    clipboard,
    grant: (target, kind = 'read-file') => grants.issue(target, kind).grant,
    dispose: async () => {
      tasks.cancelAll();
      await session.lock('quit');
      if (settingsDir !== null) rmSync(settingsDir, { recursive: true, force: true });
    },
  };
}
