import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { VigilError } from '../../../shared/errors';
import type { Db } from '../../vault/database';
import { allSearchDocs } from './docs';
import { PROBE_WINDOW, bucketsInUse, caseBucket, homeRowid } from './rowid';
import type { SearchDoc } from './search-doc';
import { tagsOf } from './tags';

interface Statements {
  window: Statement;
  remove: Statement;
  insert: Statement;
}

interface Connection {
  s: Statements;
  /** A superset of the buckets holding rows: found once per connection, then grown by every insert made here. */
  buckets: Set<bigint> | null;
}

const connections = new WeakMap<Db, Connection>();

// Prepared once per connection: indexing a transcript calls these thousands of times.
function connection(db: Db): Connection {
  let c = connections.get(db);
  if (!c) {
    c = {
      s: {
        // FTS5's content table (rowid `id`, c0 = kind, c1 = ref_id): a plain B-tree range read, 3x cheaper than through
        // the module.
        window: db
          .prepare('SELECT id AS rowid, c0 AS kind, c1 AS refId FROM search_index_content WHERE id BETWEEN ? AND ?')
          .safeIntegers(true),
        remove: db.prepare('DELETE FROM search_index WHERE rowid = ?'),
        insert: db.prepare(
          'INSERT INTO search_index (rowid, kind, ref_id, case_id, person_ids, date, title, body, tags) VALUES ' +
            '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ),
      },
      buckets: null,
    };
    connections.set(db, c);
  }
  return c;
}

// Rows are written only through this module and one process holds the vault, so the set stays a superset:
// a rolled-back insert leaves an extra bucket (one wasted probe), never a missing one.
function knownBuckets(db: Db, c: Connection): Set<bigint> {
  c.buckets ??= new Set(bucketsInUse(db));
  return c.buckets;
}

type WindowRow = { rowid: bigint; kind: string; refId: string };

function windowRows(s: Statements, home: bigint): WindowRow[] {
  return s.window.all(home, home + PROBE_WINDOW - 1n) as WindowRow[];
}

/** Deletes the row of (kind, refId) from the given buckets; true when one was found. */
function removeFromBuckets(s: Statements, buckets: Iterable<bigint>, kind: string, refId: string): boolean {
  let found = false;
  for (const bucket of buckets) {
    for (const row of windowRows(s, homeRowid(bucket, kind, refId))) {
      if (row.kind === kind && row.refId === refId) {
        s.remove.run(row.rowid);
        found = true;
      }
    }
  }
  return found;
}

// The snippet markers (U+E000, U+E001) must never come from the text itself.
function clean(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** The first free rowid in the key's probe window; `taken` lists rowids known to be used (for bulk rebuilds). */
function freeSlot(s: Statements, bucket: bigint, doc: SearchDoc, taken?: Set<bigint>): bigint {
  const home = homeRowid(bucket, doc.kind, doc.refId);
  const used = taken ?? new Set(windowRows(s, home).map((r) => r.rowid));
  for (let slot = home; slot < home + PROBE_WINDOW; slot++) {
    if (!used.has(slot)) return slot;
  }
  throw new VigilError(
    'INTERNAL',
    'The search index has too many hash collisions in one place. Run "vigil reindex" or report this as a bug.',
  );
}

function insertAt(c: Connection, rowid: bigint, bucket: bigint, doc: SearchDoc): void {
  c.s.insert.run(
    rowid,
    doc.kind,
    doc.refId,
    doc.caseId,
    doc.personIds.join(' '),
    doc.date,
    clean(doc.title),
    clean(doc.body),
    tagsOf(doc),
  );
  c.buckets?.add(bucket);
}

/**
 * Adds a document to the search index, replacing any row with the same (kind, refId). Call inside the change's
 * transaction.
 */
export function indexDoc(db: Db, doc: SearchDoc): void {
  const c = connection(db);
  const bucket = caseBucket(doc.caseId);
  // A row is in one bucket only: its own unless its case changed. Other buckets are searched only when it is not at
  // home.
  if (!removeFromBuckets(c.s, [bucket], doc.kind, doc.refId)) {
    removeFromBuckets(
      c.s,
      [...knownBuckets(db, c)].filter((b) => b !== bucket),
      doc.kind,
      doc.refId,
    );
  }
  insertAt(c, freeSlot(c.s, bucket, doc), bucket, doc);
}

/**
 * Adds the document of a record created in this same transaction (a fresh
 * id, e.g. the segments of a new transcript revision): no older row can
 * exist, so other cases' buckets are not searched. Use indexDoc otherwise.
 */
export function indexNewDoc(db: Db, doc: SearchDoc): void {
  const c = connection(db);
  const bucket = caseBucket(doc.caseId);
  removeFromBuckets(c.s, [bucket], doc.kind, doc.refId);
  insertAt(c, freeSlot(c.s, bucket, doc), bucket, doc);
}

/** Removes the rows of these records from the search index (absent ones are ignored). */
export function removeDocs(db: Db, kind: SearchDoc['kind'], refIds: string[]): void {
  if (refIds.length === 0) return;
  const c = connection(db);
  const buckets = knownBuckets(db, c);
  for (const refId of refIds) removeFromBuckets(c.s, buckets, kind, refId);
}

/**
 * Recreates every row from the source tables (cases, people, items, interviews,
 * the current revision of each transcript, events, requests) and merges the
 * index into one segment. A repair tool: run it inside a transaction.
 */
export function rebuildSearchIndex(db: Db): { rows: number } {
  const c = connection(db);
  db.prepare('DELETE FROM search_index').run();
  const taken = new Set<bigint>();
  let rows = 0;
  for (const doc of allSearchDocs(db)) {
    const bucket = caseBucket(doc.caseId);
    const rowid = freeSlot(c.s, bucket, doc, taken);
    taken.add(rowid);
    insertAt(c, rowid, bucket, doc);
    rows++;
  }
  db.prepare(`INSERT INTO search_index (search_index) VALUES ('optimize')`).run();
  return { rows };
}
