import { performance } from 'node:perf_hooks';
import type { ReadDb } from '../../vault/database';
import { loadProtectedPeople, protectNames, type ProtectedPerson } from '../protect-names';
import { filterSql, type FilterSql, type SearchFilters } from './filters';
import { MARK_CLOSE, MARK_OPEN, protectMarked } from './highlight';
import type { SearchDoc } from './search-doc';
import { toFtsQuery } from './query';

export type { SearchFilters } from './filters';

/** One result. `highlights` are [start, end) offsets into `snippet`; `score` is higher for better matches. */
export interface SearchHit {
  kind: SearchDoc['kind'];
  refId: string;
  caseId: string | null;
  date: string | null;
  title: string;
  snippet: string;
  highlights: [number, number][];
  score: number;
  context?: { interviewId?: string; position?: number; startMs?: number | null };
}

/** Hits of one query; `total` is the exact number of matches, absent when there were more than RANK_CAP. */
export interface SearchResult {
  hits: SearchHit[];
  total?: number;
  tookMs: number;
}

/**
 * How many matches are ranked at most. bm25 has to score every match before
 * the best can be picked, so a word in a third of a million segments would
 * take seconds; above the cap the best hits are picked from the first RANK_CAP
 * matches in rowid order, which (rowids being hashes) is a random sample.
 */
export const RANK_CAP = 1000;

// Title (column 6) counts four times the body (column 7); the other columns are not tokenised.
const RANK = `bm25(0, 0, 0, 0, 0, 4.0, 1.0, 0)`;
const SNIPPET_TOKENS = 16;

interface RankedRow {
  kind: SearchDoc['kind'];
  refId: string;
  caseId: string | null;
  date: string | null;
  title: string;
  snip: string;
  rank: number;
}

function rangeSql(range: [bigint, bigint] | null): string {
  return range ? ' AND rowid BETWEEN ? AND ?' : '';
}

/** Counts matches up to RANK_CAP (no scoring: a walk along the doclists) and the rowid where the count stopped. */
function countCapped(db: ReadDb, fts: string, f: FilterSql): { n: number; last: bigint | null } {
  const sql =
    `SELECT count(*) AS n, max(rowid) AS last FROM (SELECT rowid FROM search_index WHERE search_index MATCH ` +
    `?${rangeSql(f.range)}${f.where} ORDER BY rowid LIMIT ${RANK_CAP})`;
  const row = db
    .prepare(sql)
    .safeIntegers(true)
    .get(fts, ...(f.range ?? []), ...f.params) as { n: bigint; last: bigint | null };
  return { n: Number(row.n), last: row.last };
}

function ranked(db: ReadDb, fts: string, f: FilterSql, range: [bigint, bigint] | null): RankedRow[] {
  const sql = `SELECT kind, ref_id AS refId, case_id AS caseId, date, title,
      snippet(search_index, -1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snip, rank
    FROM search_index WHERE search_index MATCH ? AND rank MATCH '${RANK}'${rangeSql(range)}${f.where}
    ORDER BY rank LIMIT ? OFFSET ?`;
  return db.prepare(sql).all(fts, ...(range ?? []), ...f.params, f.limit, f.offset) as RankedRow[];
}

function segmentContext(db: ReadDb, refId: string): NonNullable<SearchHit['context']> {
  const at = refId.lastIndexOf(':');
  const position = Number(refId.slice(at + 1));
  const row = db
    .prepare(
      'SELECT r.interview_id AS interviewId, s.start_ms AS startMs FROM transcript_segments s JOIN ' +
        'transcript_revisions r ON r.id = s.revision_id WHERE s.revision_id = ? AND s.position = ?',
    )
    .get(refId.slice(0, at), position) as { interviewId: string; startMs: number | null } | undefined;
  return row ? { interviewId: row.interviewId, position, startMs: row.startMs } : { position };
}

function toHit(db: ReadDb, row: RankedRow, people: ProtectedPerson[]): SearchHit {
  const { text, highlights } = protectMarked(row.snip, people);
  const hit: SearchHit = {
    kind: row.kind,
    refId: row.refId,
    caseId: row.caseId,
    date: row.date,
    title: protectNames(row.title, people),
    snippet: text,
    highlights,
    score: -row.rank,
  };
  if (row.kind === 'segment') hit.context = segmentContext(db, row.refId);
  return hit;
}

/**
 * Full-text search over the vault, best first (bm25, title above body), with
 * snippets as plain text plus highlight ranges. Protected people's names are
 * replaced by their codes in titles and snippets.
 */
export function search(db: ReadDb, query: string, filters: SearchFilters = {}): SearchResult {
  const started = performance.now();
  const f = filterSql(filters);
  const userFts = toFtsQuery(query);
  if (userFts === null) return { hits: [], total: 0, tookMs: performance.now() - started };
  // The user's query only searches title and body; filter tags are ANDed on.
  const fts = f.match ? `{title body}: (${userFts}) AND ${f.match}` : `{title body}: (${userFts})`;
  const { n, last } = countCapped(db, fts, f);
  if (n === 0) return { hits: [], total: 0, tookMs: performance.now() - started };
  const capped = n >= RANK_CAP && last !== null;
  const range: [bigint, bigint] | null = capped ? [f.range?.[0] ?? -(2n ** 63n), last] : f.range;
  const rows = ranked(db, fts, f, range);
  const people = rows.length ? loadProtectedPeople(db) : [];
  const hits = rows.map((row) => toHit(db, row, people));
  const tookMs = performance.now() - started;
  return capped ? { hits, tookMs } : { hits, total: n, tookMs };
}
