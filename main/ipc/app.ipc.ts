/** Handlers of the app area: version, native dialogs, clipboard. */
import type { APP_CHANNELS } from '../../shared/areas/app.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The app area's handlers. */
export function appHandlers(s: AppServices): { [C in (typeof APP_CHANNELS)[number]]: Handler<C> } {
  return {
    'app:info': async () => s.appInfo(),
    'dialog:open-files': async (req) => ({ paths: await s.dialogs.openFiles(req) }),
    'dialog:choose-folder': async (req) => ({ path: await s.dialogs.chooseFolder(req) }),
    'dialog:save-file': async (req) => ({ path: await s.dialogs.saveFile(req) }),
    'clipboard:write-secret': async (req) => {
      s.writeSecretToClipboard(req.text, req.clearAfterMs);
      return {};
    },
  };
}
