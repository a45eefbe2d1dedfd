import { VigilError } from '../../shared/errors';
import type { ExtractionStatus, ItemKind } from '../../shared/domain';
import type { AgeFileReader } from '../crypto/age';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import type { ItemMetadata } from './item-metadata';

/** An item as the CLI and the app show it (the extracted text is read separately: it can be large). */
export interface ItemSummary {
  id: string;
  title: string;
  /** The file name's readable form (the name itself when it was valid UTF-8). */
  fileName: string;
  /** Base64 of the file name's bytes as recorded, only when they are not valid UTF-8; null otherwise. */
  fileNameRaw: string | null;
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

/** Refuses metadata that points at a case, person or original that does not exist. */
export function checkReferences(db: ReadDb, meta: ItemMetadata, derivativeOf?: string): void {
  if (meta.caseId && !db.prepare('SELECT 1 FROM cases WHERE id = ?').get(meta.caseId))
    throw new VigilError('NOT_FOUND', `No case with id "${meta.caseId}".`);
  if (meta.sourcePersonId && !db.prepare('SELECT 1 FROM people WHERE id = ?').get(meta.sourcePersonId))
    throw new VigilError('NOT_FOUND', `No person with id "${meta.sourcePersonId}".`);
  if (derivativeOf && !db.prepare('SELECT 1 FROM items WHERE id = ?').get(derivativeOf))
    throw new VigilError('NOT_FOUND', `No original item "${derivativeOf}".`);
}

const ITEM_COLUMNS = `i.id, i.title, i.file_name AS fileName, i.file_name_raw AS fileNameRaw, i.object_id AS objectId, o.sha256, o.sha512, o.size, i.created_at AS createdAt,
  i.case_id AS caseId, i.kind, i.media_type AS mediaType, i.doc_date AS date, i.doc_date_approx AS dateApprox, i.source_person_id AS sourcePersonId,
  i.acquisition, i.extraction_status AS extractionStatus, i.extraction_error AS extractionError, i.derivative_of AS derivativeOf, i.derivative_kind AS derivativeKind`;

type ItemDbRow = Omit<ItemSummary, 'dateApprox' | 'acquisition' | 'fileNameRaw'> & {
  dateApprox: number;
  acquisition: string;
  fileNameRaw: Buffer | null;
};

function fromDb(r: ItemDbRow): ItemSummary {
  return {
    ...r,
    fileNameRaw: r.fileNameRaw?.toString('base64') ?? null,
    dateApprox: r.dateApprox === 1,
    acquisition: JSON.parse(r.acquisition) as ItemSummary['acquisition'],
  };
}

/** The metadata of an item that its `item.updated` entry commits to: id, content hash and the editable fields. */
export function itemRecord(item: ItemSummary): Record<string, unknown> {
  const { id, sha256, title, caseId, kind, date, dateApprox, sourcePersonId, acquisition } = item;
  return { id, sha256, title, caseId, kind, date, dateApprox, sourcePersonId, acquisition };
}

/** One item by id (a unique prefix of at least 8 characters is accepted). */
export function getItem(db: ReadDb, idOrPrefix: string): ItemSummary {
  const rows = db
    .prepare(
      `SELECT ${ITEM_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id WHERE i.id = ? OR (length(?) ` +
        `>= 8 AND i.id LIKE ? || '%') LIMIT 2`,
    )
    .all(idOrPrefix, idOrPrefix, idOrPrefix) as ItemDbRow[];
  const exact = rows.find((r) => r.id === idOrPrefix);
  if (exact) return fromDb(exact);
  if (rows.length > 1)
    throw new VigilError('INVALID_INPUT', `"${idOrPrefix}" matches more than one item; give more of the id.`);
  const [only] = rows;
  if (!only)
    throw new VigilError(
      'NOT_FOUND',
      `No item with id "${idOrPrefix}" in this vault. "vigil status" shows what the vault holds.`,
    );
  return fromDb(only);
}

/** Items, oldest first; only those of one case when given. */
export function listItems(db: ReadDb, filter: { caseId?: string } = {}): ItemSummary[] {
  const where = filter.caseId ? 'WHERE i.case_id = ?' : '';
  const rows = db
    .prepare(
      `SELECT ${ITEM_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id ${where} ORDER BY i.created_at, i.id`,
    )
    .all(...(filter.caseId ? [filter.caseId] : [])) as ItemDbRow[];
  return rows.map(fromDb);
}

/** The text extracted from an item at ingest (empty when none). */
export function getItemText(db: ReadDb, id: string): string {
  return (
    (db.prepare('SELECT extracted_text FROM items WHERE id = ?').pluck().get(id) as string | null | undefined) ?? ''
  );
}

/** Opens an item's original bytes and records in the custody log that it was opened, and why. */
export async function openItem(
  vault: Vault,
  id: string,
  purpose: string,
): Promise<{ item: ItemSummary; reader: AgeFileReader }> {
  const item = getItem(vault.db, id);
  const reader = await vault.blobs.open(item.objectId);
  vault.record({ action: 'item.opened', subject: item.id, hash: item.sha256, data: { purpose } });
  return { item, reader };
}
