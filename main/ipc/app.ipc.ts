/** Handlers of the app area: version, native dialogs (which answer with grants, never paths), clipboard. */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { APP_CHANNELS, PRELOAD_CHANNELS } from '../../shared/areas/app.channels';
import type { PreloadContract } from '../../shared/contract';
import type { GrantedPath } from '../session/path-grants';
import type { Handler } from './dispatch';
import type { AppServices } from './services';
import type { z } from 'zod';

/** The handler of a preload-only channel: parsed request in, answer out. */
export type PreloadHandler<C extends (typeof PRELOAD_CHANNELS)[number]> = (
  req: z.output<PreloadContract[C]['req']>,
) => Promise<z.output<PreloadContract[C]['res']>>;

/** One handler per preload-only channel. */
export type PreloadHandlers = { [C in (typeof PRELOAD_CHANNELS)[number]]: PreloadHandler<C> };

/** The app area's handlers. */
export function appHandlers(s: AppServices): { [C in (typeof APP_CHANNELS)[number]]: Handler<C> } {
  return {
    'app:info': async () => s.appInfo(),
    'dialog:open-files': async (req) => ({
      files: (await s.dialogs.openFiles(req)).map((p) => s.grants.issue(p, 'read-file')),
    }),
    'dialog:choose-folder': async (req) => {
      const chosen = await s.dialogs.chooseFolder(req);
      return { folder: chosen === null ? null : s.grants.issue(chosen, 'folder') };
    },
    'dialog:save-file': async (req) => {
      // The window suggests a name, never a place: a path in it would preselect a folder the person did not pick.
      const defaultName =
        req.defaultName === undefined ? undefined : path.basename(req.defaultName.replaceAll('\\', '/'));
      const chosen = await s.dialogs.saveFile({ ...req, defaultName });
      return { file: chosen === null ? null : s.grants.issue(chosen, 'save-file') };
    },
    'clipboard:write-secret': async (req) => {
      s.writeSecretToClipboard(req.text, req.clearAfterMs);
      return {};
    },
  };
}

/** True when `p` is an absolute path to a regular file (not a link, folder or device). */
async function isRegularFile(p: string): Promise<boolean> {
  if (!path.isAbsolute(p)) return false;
  const stat = await lstat(p).catch(() => null);
  return stat !== null && stat.isFile();
}

/**
 * The preload-only handlers. Only the preload can call them (the page has no
 * ipcRenderer), with paths Electron gave it for files the person dropped.
 */
export function preloadHandlers(s: AppServices): PreloadHandlers {
  return {
    'dialog:dropped-files': async (req) => {
      const files: GrantedPath[] = [];
      for (const p of new Set(req.paths)) {
        if (await isRegularFile(p)) files.push(s.grants.issue(p, 'read-file'));
      }
      return { files };
    },
  };
}
