import { randomUUID } from 'node:crypto';
import { constants, createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import type { ExtractionStatus, ItemKind } from '../../shared/domain';
import type { PutOptions, StoredObject } from '../blobs/blob-store';
import type { AgeFileReader } from '../crypto/age';
import { extractFromFile, type ExtractionResult } from '../ingest/extract';
import { suggestItemKind } from '../ingest/media-type';
import type { Db, ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { itemMetadataSchema, type ItemMetadata } from './item-metadata';
import { indexDoc } from './search/index-store';
import { parseInput } from './validate';

/** An item as the CLI and the app show it (the extracted text is read separately: it can be large). */
export interface ItemSummary {
  id: string;
  title: string;
  fileName: string;
  objectId: string;
  sha256: string;
  sha512: string;
  size: number;
  createdAt: string;
  caseId: string | null;
  kind: ItemKind;
  mediaType: string | null;
  date: string | null;
  dateApprox: boolean;
  sourcePersonId: string | null;
  acquisition: ItemMetadata['acquisition'];
  extractionStatus: ExtractionStatus;
  extractionError: string | null;
  derivativeOf: string | null;
  derivativeKind: string | null;
}

/** Options for adding a file: its metadata (all optional), whether to extract text, progress and cancellation. */
export interface AddFileOptions extends PutOptions, ItemMetadata {
  extract?: boolean;
  derivativeOf?: string;
  derivativeKind?: string;
}

/**
 * Stores a file as a new item. The object is durable before the database
 * refers to it; the item row, its search entry and its custody entry commit in
 * one transaction. Identical content already in the vault is stored once.
 * Text extraction runs isolated and never fails the add: a hostile or broken
 * file is stored with its extraction failure recorded.
 */
export async function addFileItem(vault: Vault, filePath: string, opts: AddFileOptions = {}): Promise<ItemSummary & { deduplicated: boolean }> {
  vault.requireSigner();
  const meta = parseInput(itemMetadataSchema, pickMetadata(opts));
  const handle = await openRegularFile(filePath);
  let stored: StoredObject;
  try {
    stored = await vault.blobs.put(createReadStream('', { fd: handle, autoClose: false, highWaterMark: 1 << 20 }), opts);
  } finally {
    await handle.close();
  }
  const extraction = opts.extract === false ? null : await extractFromFile(filePath);
  const fileName = path.basename(filePath);
  const itemId = randomUUID();
  const now = new Date().toISOString();
  const { result } = vault.change((db) => {
    checkReferences(db, meta, opts.derivativeOf);
    const existing = db.prepare('SELECT id FROM objects WHERE sha256 = ?').pluck().get(stored.sha256) as string | undefined;
    const objectId = existing ?? stored.id;
    if (!existing) {
      db.prepare('INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES (?, ?, ?, ?, ?)').run(stored.id, stored.sha256, stored.sha512, stored.size, now);
    }
    insertItem(db, { itemId, objectId, fileName, now, memberId: vault.member.id, meta, extraction, derivativeOf: opts.derivativeOf ?? null, derivativeKind: opts.derivativeKind ?? null });
    const item = getItem(db, itemId);
    indexItem(db, item, extraction?.text ?? '');
    // Custody data carries ids, sizes, digests and vocabulary words only: no titles or
    // file names, which may name people and would leave the vault with every exported entry.
    const data = { object: objectId, size: stored.size, sha512: stored.sha512, deduplicated: Boolean(existing), caseId: item.caseId, kind: item.kind, extraction: item.extractionStatus, ...(opts.derivativeOf ? { derivativeOf: opts.derivativeOf, derivativeKind: opts.derivativeKind ?? null } : {}) };
    const action = opts.derivativeOf ? 'item.derivative_added' : 'item.ingested';
    return { result: { item, deduplicated: Boolean(existing) }, custody: { action, subject: itemId, hash: stored.sha256, data } };
  });
  if (result.deduplicated) await vault.blobs.remove(stored.id);
  return { ...result.item, deduplicated: result.deduplicated };
}

function pickMetadata(opts: AddFileOptions): ItemMetadata {
  const { title, caseId, kind, date, dateApprox, sourcePersonId, acquisition } = opts;
  return Object.fromEntries(Object.entries({ title, caseId, kind, date, dateApprox, sourcePersonId, acquisition }).filter(([, v]) => v !== undefined)) as ItemMetadata;
}

interface NewItemRow {
  itemId: string;
  objectId: string;
  fileName: string;
  now: string;
  memberId: string;
  meta: ItemMetadata;
  extraction: ExtractionResult | null;
  derivativeOf: string | null;
  derivativeKind: string | null;
}

function insertItem(db: Db, r: NewItemRow): void {
  const ex = r.extraction;
  const kind = r.meta.kind ?? (ex ? suggestItemKind(ex.mediaType) : 'other');
  db.prepare(
    `INSERT INTO items (id, object_id, title, file_name, created_at, created_by, case_id, kind, media_type, doc_date, doc_date_approx,
       source_person_id, acquisition, extraction_status, extraction_error, extracted_text, metadata, sensitive_metadata, derivative_of, derivative_kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.itemId, r.objectId, r.meta.title?.trim() || r.fileName, r.fileName, r.now, r.memberId, r.meta.caseId ?? null, kind, ex?.mediaType ?? null,
    r.meta.date ?? null, r.meta.dateApprox ? 1 : 0, r.meta.sourcePersonId ?? null, JSON.stringify(r.meta.acquisition ?? {}),
    ex ? ex.status : 'none', ex?.error ?? null, ex?.text ?? null, JSON.stringify(ex?.metadata ?? {}), JSON.stringify(ex?.sensitive ?? {}), r.derivativeOf, r.derivativeKind,
  );
}

/** Refuses metadata that points at a case, person or original that does not exist. */
export function checkReferences(db: ReadDb, meta: ItemMetadata, derivativeOf?: string): void {
  if (meta.caseId && !db.prepare('SELECT 1 FROM cases WHERE id = ?').get(meta.caseId)) throw new VigilError('NOT_FOUND', `No case with id "${meta.caseId}".`);
  if (meta.sourcePersonId && !db.prepare('SELECT 1 FROM people WHERE id = ?').get(meta.sourcePersonId)) throw new VigilError('NOT_FOUND', `No person with id "${meta.sourcePersonId}".`);
  if (derivativeOf && !db.prepare('SELECT 1 FROM items WHERE id = ?').get(derivativeOf)) throw new VigilError('NOT_FOUND', `No original item "${derivativeOf}".`);
}

/** Keeps the search index in step with an item's title, extracted text, source and date. */
export function indexItem(db: Db, item: ItemSummary, text: string): void {
  indexDoc(db, { kind: 'item', refId: item.id, caseId: item.caseId, personIds: item.sourcePersonId ? [item.sourcePersonId] : [], date: item.date, title: item.title, body: `${item.fileName}\n${text}` });
}

/** Opens a file for ingest, refusing links, devices, folders and other non-regular files. */
async function openRegularFile(filePath: string): Promise<fsp.FileHandle> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(filePath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ELOOP' ? 'is a symbolic link (add the file it points to instead)' : `cannot be read (${code ?? 'error'})`;
    throw new VigilError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT', `${filePath} ${why}.`, { cause });
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new VigilError('INVALID_INPUT', `${filePath} is not a regular file; only files can be added.`);
  }
  return handle;
}

const ITEM_COLUMNS = `i.id, i.title, i.file_name AS fileName, i.object_id AS objectId, o.sha256, o.sha512, o.size, i.created_at AS createdAt,
  i.case_id AS caseId, i.kind, i.media_type AS mediaType, i.doc_date AS date, i.doc_date_approx AS dateApprox, i.source_person_id AS sourcePersonId,
  i.acquisition, i.extraction_status AS extractionStatus, i.extraction_error AS extractionError, i.derivative_of AS derivativeOf, i.derivative_kind AS derivativeKind`;

type ItemDbRow = Omit<ItemSummary, 'dateApprox' | 'acquisition'> & { dateApprox: number; acquisition: string };

function fromDb(r: ItemDbRow): ItemSummary {
  return { ...r, dateApprox: r.dateApprox === 1, acquisition: JSON.parse(r.acquisition) as ItemSummary['acquisition'] };
}

/** One item by id (a unique prefix of at least 8 characters is accepted). */
export function getItem(db: ReadDb, idOrPrefix: string): ItemSummary {
  const rows = db
    .prepare(`SELECT ${ITEM_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id WHERE i.id = ? OR (length(?) >= 8 AND i.id LIKE ? || '%') LIMIT 2`)
    .all(idOrPrefix, idOrPrefix, idOrPrefix) as ItemDbRow[];
  const exact = rows.find((r) => r.id === idOrPrefix);
  if (exact) return fromDb(exact);
  if (rows.length > 1) throw new VigilError('INVALID_INPUT', `"${idOrPrefix}" matches more than one item; give more of the id.`);
  const [only] = rows;
  if (!only) throw new VigilError('NOT_FOUND', `No item with id "${idOrPrefix}" in this vault. "vigil status" shows what the vault holds.`);
  return fromDb(only);
}

/** Items, oldest first; only those of one case when given. */
export function listItems(db: ReadDb, filter: { caseId?: string } = {}): ItemSummary[] {
  const where = filter.caseId ? 'WHERE i.case_id = ?' : '';
  const rows = db.prepare(`SELECT ${ITEM_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id ${where} ORDER BY i.created_at, i.id`).all(...(filter.caseId ? [filter.caseId] : [])) as ItemDbRow[];
  return rows.map(fromDb);
}

/** The text extracted from an item at ingest (empty when none). */
export function getItemText(db: ReadDb, id: string): string {
  return (db.prepare('SELECT extracted_text FROM items WHERE id = ?').pluck().get(id) as string | null | undefined) ?? '';
}

/** Opens an item's original bytes and records in the custody log that it was opened, and why. */
export async function openItem(vault: Vault, id: string, purpose: string): Promise<{ item: ItemSummary; reader: AgeFileReader }> {
  const item = getItem(vault.db, id);
  const reader = await vault.blobs.open(item.objectId);
  vault.record({ action: 'item.opened', subject: item.id, hash: item.sha256, data: { purpose } });
  return { item, reader };
}
