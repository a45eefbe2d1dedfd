/**
 * What the items channels answer. Channels that carry files take the paths their grants resolved to (grants stay
 * with main/ipc); those that check the request before any grant is spent return the step that runs with the paths.
 */
import type { ReqParsed, Res } from '../../shared/contract';
import { getCase } from '../evidence/cases';
import { addDerivative, updateItem } from '../evidence/item-edits';
import { getItemDetail, listCaseItems } from '../evidence/item-views';
import { getItem, getItemText } from '../evidence/items';
import { redactItem } from '../evidence/redact/redact-item';
import { definedOnly } from '../evidence/validate';
import type { TaskContext } from '../session/tasks';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { addFilesTask } from './items-add';

/** items:list — the items of a case, filtered and sorted as asked. */
export function itemsList(db: ReadDb, { caseId, ...query }: ReqParsed<'items:list'>): Res<'items:list'> {
  return listCaseItems(db, caseId, definedOnly(query));
}

/** items:get — one item with its details. */
export function itemsGet(db: ReadDb, req: ReqParsed<'items:get'>): Res<'items:get'> {
  return getItemDetail(db, req.id);
}

/** items:text — the text extracted from an item. */
export function itemsText(db: ReadDb, req: ReqParsed<'items:text'>): Res<'items:text'> {
  return { text: getItemText(db, getItem(db, req.id).id) };
}

/**
 * items:add-files — a missing case is refused now, before any grant is spent or byte written; the step returned
 * adds the granted files as one task.
 */
export function itemsAddFiles(
  vault: Vault,
  req: ReqParsed<'items:add-files'>,
): (paths: string[], ctx: TaskContext) => Promise<Res<'items:add-files'>> {
  getCase(vault.db, req.caseId);
  return async (paths, ctx) => ({ items: await addFilesTask(vault, req.caseId, paths, ctx) });
}

/** items:update — changes to an item's description. */
export function itemsUpdate(vault: Vault, req: ReqParsed<'items:update'>): Res<'items:update'> {
  return updateItem(vault, req.id, definedOnly(req.changes));
}

/**
 * items:add-derivative — a missing original is refused now, before the grant is spent; the step returned stores the
 * granted file as its derivative.
 */
export function itemsAddDerivative(
  vault: Vault,
  req: ReqParsed<'items:add-derivative'>,
): (file: string) => Promise<Res<'items:add-derivative'>> {
  const original = getItem(vault.db, req.id).id;
  return (file) =>
    addDerivative(vault, original, file, {
      derivativeKind: req.derivativeKind,
      ...(req.title === undefined ? {} : { title: req.title }),
    });
}

/** items:redact — a redacted derivative of an item. */
export function itemsRedact(vault: Vault, { id, ...request }: ReqParsed<'items:redact'>): Promise<Res<'items:redact'>> {
  return redactItem(vault, getItem(vault.db, id).id, definedOnly(request));
}

/** items:media-url — where the window loads an item's content from; `mediaUrl` is the transport's own scheme. */
export function itemsMediaUrl(
  db: ReadDb,
  req: ReqParsed<'items:media-url'>,
  mediaUrl: (itemId: string) => string,
): Res<'items:media-url'> {
  return { url: mediaUrl(getItem(db, req.id).id) };
}
