/** Handlers of the items area: each maps one channel to one core call. */
import type { ITEMS_CHANNELS } from '../../shared/areas/items.channels';
import { getCase } from '../evidence/cases';
import { addDerivative, updateItem } from '../evidence/item-edits';
import { getItemDetail, listCaseItems } from '../evidence/item-views';
import { getItem, getItemText } from '../evidence/items';
import { redactItem } from '../evidence/redact/redact-item';
import { definedOnly } from '../evidence/validate';
import type { Handler } from './dispatch';
import { addFilesTask } from './items-add';
import type { AppServices } from './services';

/** The items area's handlers. */
export function itemsHandlers(s: AppServices): { [C in (typeof ITEMS_CHANNELS)[number]]: Handler<C> } {
  return {
    'items:list': async ({ caseId, ...query }) =>
      listCaseItems(s.session.requireVault().db, caseId, definedOnly(query)),
    'items:get': async (req) => getItemDetail(s.session.requireVault().db, req.id),
    'items:text': async (req) => {
      const db = s.session.requireVault().db;
      return { text: getItemText(db, getItem(db, req.id).id) };
    },
    'items:add-files': async (req) => {
      const vault = s.session.requireVault();
      // A missing case is refused before any byte is written.
      getCase(vault.db, req.caseId);
      const items = await s.grants.useAll(req.files, 'read-file', (paths) =>
        s.tasks.run(req.taskId, 'bytes', (ctx) => addFilesTask(vault, req.caseId, paths, ctx)),
      );
      return { items };
    },
    'items:update': async (req) => updateItem(s.session.requireVault(), req.id, definedOnly(req.changes)),
    'items:add-derivative': async (req) => {
      const vault = s.session.requireVault();
      const original = getItem(vault.db, req.id).id;
      return s.grants.use(req.file, 'read-file', (file) =>
        addDerivative(vault, original, file, {
          derivativeKind: req.derivativeKind,
          ...(req.title === undefined ? {} : { title: req.title }),
        }),
      );
    },
    'items:redact': async ({ id, ...request }) => {
      const vault = s.session.requireVault();
      return redactItem(vault, getItem(vault.db, id).id, definedOnly(request));
    },
    'items:media-url': async (req) => ({ url: s.mediaUrl(getItem(s.session.requireVault().db, req.id).id) }),
  };
}
