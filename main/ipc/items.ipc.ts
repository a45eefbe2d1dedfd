/** Handlers of the items area: each channel mapped to its function in main/api/items.ts; grants and tasks here. */
import type { ITEMS_CHANNELS } from '../../shared/areas/items.channels';
import {
  itemsAddDerivative,
  itemsAddFiles,
  itemsGet,
  itemsList,
  itemsMediaUrl,
  itemsRedact,
  itemsText,
  itemsUpdate,
} from '../api/items';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The items area's handlers. */
export function itemsHandlers(s: AppServices): { [C in (typeof ITEMS_CHANNELS)[number]]: Handler<C> } {
  const db = () => s.session.requireVault().db;
  const vault = () => s.session.requireVault();
  return {
    'items:list': async (req) => itemsList(db(), req),
    'items:get': async (req) => itemsGet(db(), req),
    'items:text': async (req) => itemsText(db(), req),
    'items:add-files': async (req) => {
      const add = itemsAddFiles(vault(), req);
      return s.grants.useAll(req.files, 'read-file', (paths) =>
        s.tasks.run(req.taskId, 'bytes', (ctx) => add(paths, ctx)),
      );
    },
    'items:update': async (req) => itemsUpdate(vault(), req),
    'items:add-derivative': async (req) => {
      const add = itemsAddDerivative(vault(), req);
      return s.grants.use(req.file, 'read-file', add);
    },
    'items:redact': async (req) => itemsRedact(vault(), req),
    'items:media-url': async (req) => itemsMediaUrl(db(), req, (id) => s.mediaUrl(id)),
  };
}
