/**
 * AppServices inside the core host: the real session, tasks, grants and
 * settings, with the window's parts (dialogs, clipboard, events) reached back
 * over the port. Grants are issued here, by the same handlers as in-process,
 * for the paths the main-role process's dialog answered with.
 */
import type { Dialogs, AppServices } from '../ipc/services';
import { OpenedPackages } from '../session/opened-packages';
import { PathGrants } from '../session/path-grants';
import { TaskRegistry } from '../session/tasks';
import { VaultSession } from '../session/vault-session';
import { SettingsStore } from '../settings/settings-store';
import { NOTE_TO_MAIN, TO_MAIN, type HostInit } from './protocol';
import type { HostRpc } from './rpc';

/** Dialogs answered by the main-role process; a malformed answer counts as cancelled. */
function remoteDialogs(rpc: HostRpc): Dialogs {
  const ask = (op: string, opts: unknown): Promise<unknown> => rpc.request(TO_MAIN.dialog, { op, opts });
  const pathOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    openFiles: async (opts) => {
      const answer = await ask('openFiles', opts);
      return Array.isArray(answer) ? answer.filter((p): p is string => typeof p === 'string' && p !== '') : [];
    },
    chooseFolder: async (opts) => pathOrNull(await ask('chooseFolder', opts)),
    saveFile: async (opts) => pathOrNull(await ask('saveFile', opts)),
  };
}

/** Builds the host's services from its init message. */
export function hostServices(init: HostInit, rpc: HostRpc): AppServices {
  const emit: AppServices['emit'] = (name, payload) => rpc.notify(NOTE_TO_MAIN.event, { name, payload });
  const tasks = new TaskRegistry((progress) => emit('task:progress', progress));
  const grants = new PathGrants();
  const session = new VaultSession({
    ...(init.kdf === null ? {} : { kdf: init.kdf }),
    onLocked: (reason) => {
      // As in-process: however the vault was locked, nothing keeps working on it or on a file chosen before.
      tasks.cancelAll();
      grants.clear();
      emit('vault:locked', { reason });
    },
  });
  return {
    appInfo: () => init.appInfo,
    session,
    settings: new SettingsStore(init.settingsFile),
    tasks,
    grants,
    openedPackages: new OpenedPackages(grants, (file) => {
      if (!session.state().unlocked) return false;
      emit('packages:opened', file);
      return true;
    }),
    dialogs: remoteDialogs(rpc),
    // The secret crosses to main once, to reach the clipboard; it is never logged on either side.
    writeSecretToClipboard: (text, clearAfterMs) => rpc.notify(NOTE_TO_MAIN.clipboard, { text, clearAfterMs }),
    mediaUrl: (itemId) => `${init.mediaBase}/${encodeURIComponent(itemId)}`,
    emit,
  };
}
