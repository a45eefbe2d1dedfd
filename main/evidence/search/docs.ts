import type { ReadDb } from '../../vault/database';
import type { SearchDoc } from './search-doc';

/*
 * How each kind of record becomes a search document. The services call
 * `searchDocsFor` after their change (inside the same transaction) and pass the
 * result to `indexDoc`, and `rebuildSearchIndex` uses the same queries, so a
 * rebuilt index holds exactly what incremental indexing wrote.
 */

interface Row {
  refId: string;
  caseId: string | null;
  personIds: string | null;
  date: string | null;
  title: string | null;
  body: string | null;
}

type Kind = SearchDoc['kind'];

// Each query selects Row columns; `%WHERE%` becomes a filter on the record's id (or nothing).
const QUERIES: Record<Kind, { sql: string; idColumn: string }> = {
  case: {
    idColumn: 'c.id',
    // A case row names no people: its people change after it is indexed, and a stale
    // list would both skew ranking (tags count in bm25's row length) and mislead the person filter.
    sql: `SELECT c.id AS refId, c.id AS caseId, NULL AS personIds, NULL AS date, c.title || coalesce(' ' || c.reference, '') AS title, c.summary AS body
          FROM cases c %WHERE%`,
  },
  person: {
    idColumn: 'p.id',
    sql: `SELECT p.id AS refId, (SELECT case_id FROM case_people WHERE person_id = p.id ORDER BY rowid LIMIT 1) AS caseId,
            p.id AS personIds, NULL AS date, p.name AS title,
            concat_ws(char(10), p.code, (SELECT group_concat(value, char(10)) FROM json_each(p.aliases)), nullif(p.notes, '')) AS body
          FROM people p %WHERE%`,
  },
  item: {
    idColumn: 'it.id',
    sql: `SELECT it.id AS refId, it.case_id AS caseId, it.source_person_id AS personIds, it.doc_date AS date,
            it.title AS title, concat_ws(char(10), it.file_name, it.extracted_text) AS body
          FROM items it %WHERE%`,
  },
  interview: {
    idColumn: 'iv.id',
    sql: `SELECT iv.id AS refId, iv.case_id AS caseId, iv.interviewee_id AS personIds, iv.date AS date,
            'Interview with ' || p.code AS title, concat_ws(char(10), p.name, nullif(iv.language, ''), iv.mode) AS body
          FROM interviews iv JOIN people p ON p.id = iv.interviewee_id %WHERE%`,
  },
  segment: {
    // Matched on the primary key's columns so a lookup uses the index; the bound JSON is [[revision id, position], …].
    idColumn: '(s.revision_id, s.position)',
    sql: `SELECT s.revision_id || ':' || s.position AS refId, iv.case_id AS caseId, iv.interviewee_id AS personIds, iv.date AS date,
            s.speaker AS title, concat_ws(char(10), s.text, s.translation) AS body
          FROM transcript_revisions r
          JOIN interviews iv ON iv.id = r.interview_id
          JOIN transcript_segments s ON s.revision_id = r.id
          WHERE r.revision = (SELECT max(revision) FROM transcript_revisions r2 WHERE r2.interview_id = r.interview_id) %AND%`,
  },
  event: {
    idColumn: 'e.id',
    sql: `SELECT e.id AS refId, e.case_id AS caseId, e.person_id AS personIds, e.date AS date,
            replace(e.type, '_', ' ') || coalesce(' — ' || pl.name, '') AS title,
            concat_ws(char(10), nullif(e.description, ''), nullif(pl.region, '')) AS body
          FROM events e LEFT JOIN places pl ON pl.id = e.place_id %WHERE%`,
  },
  request: {
    idColumn: 'rq.id',
    sql: `SELECT rq.id AS refId, rq.case_id AS caseId, concat_ws(' ', rq.person_id, rq.requester_id) AS personIds, rq.date AS date,
            'Request to ' || rq.recipient AS title,
            concat_ws(char(10), nullif(rq.about, ''), nullif(rq.channel, ''), rq.response, nullif(rq.response_note, '')) AS body
          FROM requests rq %WHERE%`,
  },
};

function toDoc(kind: Kind, row: Row): SearchDoc {
  return {
    kind,
    refId: row.refId,
    caseId: row.caseId,
    personIds: (row.personIds ?? '').split(' ').filter(Boolean),
    date: row.date,
    title: row.title ?? '',
    body: row.body ?? '',
  };
}

function querySql(kind: Kind, cond: string | null): string {
  const { sql } = QUERIES[kind];
  return sql.replace('%WHERE%', cond ? `WHERE ${cond}` : '').replace('%AND%', cond ? `AND ${cond}` : '');
}

function idCondition(kind: Kind): string {
  const { idColumn } = QUERIES[kind];
  return kind === 'segment'
    ? `${idColumn} IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))`
    : `${idColumn} IN (SELECT value FROM json_each(?))`;
}

/** `<revision id>:<position>` split at the last colon; null when it has no position. */
function segmentKey(refId: string): [string, number] | null {
  const at = refId.lastIndexOf(':');
  const position = Number(refId.slice(at + 1));
  return at > 0 && Number.isInteger(position) ? [refId.slice(0, at), position] : null;
}

/** The search documents of these records as they are now in the database (records that do not exist are left out). */
export function searchDocsFor(db: ReadDb, kind: Kind, refIds: string[]): SearchDoc[] {
  if (refIds.length === 0) return [];
  const keys = kind === 'segment' ? refIds.map(segmentKey).filter((k) => k !== null) : refIds;
  const rows = db.prepare(querySql(kind, idCondition(kind))).all(JSON.stringify(keys)) as Row[];
  return rows.map((row) => toDoc(kind, row));
}

/** The search documents of one transcript revision's segments; empty unless it is its interview's current revision. */
export function transcriptSearchDocs(db: ReadDb, revisionId: string): SearchDoc[] {
  const rows = db.prepare(querySql('segment', 's.revision_id = ?')).all(revisionId) as Row[];
  return rows.map((row) => toDoc('segment', row));
}

/**
 * Every search document the source tables describe. Read in chunks (a kind at a
 * time, a transcript at a time) because the caller writes between them, which
 * an open SQLite iterator would not allow.
 */
export function* allSearchDocs(db: ReadDb): Generator<SearchDoc> {
  for (const kind of Object.keys(QUERIES) as Kind[]) {
    if (kind === 'segment') continue;
    yield* (db.prepare(querySql(kind, null)).all() as Row[]).map((row) => toDoc(kind, row));
  }
  const revisions = db
    .prepare(
      'SELECT r.id FROM transcript_revisions r WHERE r.revision = (SELECT max(revision) FROM ' +
        'transcript_revisions r2 WHERE r2.interview_id = r.interview_id)',
    )
    .pluck()
    .all() as string[];
  for (const revisionId of revisions) yield* transcriptSearchDocs(db, revisionId);
}
