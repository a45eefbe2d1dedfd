/**
 * Read-only views of items for the interface: one query for a case's list
 * (with derivative counts, fast for 10,000 items) and one item's detail
 * (extracted metadata, the sensitive part kept apart, derivatives, a text excerpt).
 */
import type { ExtractionStatus, ItemKind } from '../../shared/domain';
import type { ReadDb } from '../vault/database';
import { getItem, type ItemSummary } from './items';

/** One row of a case's item list. */
export interface ItemRow {
  id: string;
  title: string;
  fileName: string;
  kind: ItemKind;
  mediaType: string | null;
  size: number;
  date: string | null;
  dateApprox: boolean;
  createdAt: string;
  extractionStatus: ExtractionStatus;
  derivativeOf: string | null;
  derivativeKind: string | null;
  derivativeCount: number;
}

/** One item with what its detail panel shows. */
interface ItemDetail extends ItemSummary {
  /** Extracted facts safe to show (EXIF dates, camera, page count…). */
  metadata: Record<string, unknown>;
  /** Extracted facts that can locate or identify someone (GPS, authors, serial numbers). */
  sensitive: Record<string, unknown>;
  derivatives: ItemRow[];
  /** The first characters of the extracted text, and the whole text's length. */
  textExcerpt: string;
  textLength: number;
}

/** Characters of extracted text the detail carries; the whole text is a separate read. */
const TEXT_EXCERPT_CHARS = 2000;

const ROW_COLUMNS = `i.id, i.title, i.file_name AS fileName, i.kind, i.media_type AS mediaType, o.size, i.doc_date AS date, i.doc_date_approx AS dateApprox,
  i.created_at AS createdAt, i.extraction_status AS extractionStatus, i.derivative_of AS derivativeOf, i.derivative_kind AS derivativeKind,
  COALESCE(d.n, 0) AS derivativeCount`;

const DERIVATIVE_COUNTS =
  'LEFT JOIN (SELECT derivative_of AS of, count(*) AS n FROM items WHERE derivative_of IS NOT NULL GROUP BY ' +
  'derivative_of) d ON d.of = i.id';

type RowDb = Omit<ItemRow, 'dateApprox'> & { dateApprox: number };

const toRow = (r: RowDb): ItemRow => ({ ...r, dateApprox: r.dateApprox === 1 });

/** Which rows of a case's list to read: a kind, a text in the title or file name, a window of rows. */
interface ItemListQuery {
  kind?: ItemKind;
  text?: string;
  offset?: number;
  limit?: number;
}

/** Rows per read when the caller does not say (a screenful or two; the interface pages as it scrolls). */
const DEFAULT_PAGE_ROWS = 200;

function filterSql(caseId: string, q: ItemListQuery): { where: string; params: unknown[] } {
  const clauses = ['i.case_id = ?'];
  const params: unknown[] = [caseId];
  if (q.kind !== undefined) {
    clauses.push('i.kind = ?');
    params.push(q.kind);
  }
  const text = q.text?.trim() ?? '';
  if (text !== '') {
    // vigil_contains (see database.ts) ignores case in every script and takes the text literally.
    const needle = text.toLowerCase();
    clauses.push('(vigil_contains(i.title, ?) OR vigil_contains(i.file_name, ?))');
    params.push(needle, needle);
  }
  return { where: clauses.join(' AND '), params };
}

/** A window of a case's items, oldest first, and how many match in all (two indexed queries). */
export function listCaseItems(db: ReadDb, caseId: string, q: ItemListQuery = {}): { total: number; rows: ItemRow[] } {
  const { where, params } = filterSql(caseId, q);
  const total = db
    .prepare(`SELECT count(*) FROM items i WHERE ${where}`)
    .pluck()
    .get(...params) as number;
  const rows = db
    .prepare(
      `SELECT ${ROW_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id ${DERIVATIVE_COUNTS} WHERE ` +
        `${where} ORDER BY i.created_at, i.id LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit ?? DEFAULT_PAGE_ROWS, q.offset ?? 0) as RowDb[];
  return { total, rows: rows.map(toRow) };
}

function parseObject(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One item with its extracted metadata, derivatives and a text excerpt. */
export function getItemDetail(db: ReadDb, idOrPrefix: string): ItemDetail {
  const item = getItem(db, idOrPrefix);
  const extra = db
    .prepare(
      'SELECT metadata, sensitive_metadata AS sensitive, substr(extracted_text, 1, ?) AS excerpt, ' +
        'length(extracted_text) AS textLength FROM items WHERE id = ?',
    )
    .get(TEXT_EXCERPT_CHARS, item.id) as {
    metadata: string;
    sensitive: string;
    excerpt: string | null;
    textLength: number | null;
  };
  const derivatives = (
    db
      .prepare(
        `SELECT ${ROW_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id ${DERIVATIVE_COUNTS} WHERE ` +
          `i.derivative_of = ? ORDER BY i.created_at, i.id`,
      )
      .all(item.id) as RowDb[]
  ).map(toRow);
  return {
    ...item,
    metadata: parseObject(extra.metadata),
    sensitive: parseObject(extra.sensitive),
    derivatives,
    textExcerpt: extra.excerpt ?? '',
    textLength: extra.textLength ?? 0,
  };
}

/** A row for an item just added or changed (derivatives are counted by the list query). */
export function toItemRow(item: ItemSummary, derivativeCount = 0): ItemRow {
  const {
    id,
    title,
    fileName,
    kind,
    mediaType,
    size,
    date,
    dateApprox,
    createdAt,
    extractionStatus,
    derivativeOf,
    derivativeKind,
  } = item;
  return {
    id,
    title,
    fileName,
    kind,
    mediaType,
    size,
    date,
    dateApprox,
    createdAt,
    extractionStatus,
    derivativeOf,
    derivativeKind,
    derivativeCount,
  };
}
