import { randomUUID } from 'node:crypto';
import { VigilError } from '../../shared/errors';
import type { Db, ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { getInterview } from './interviews';
import { recordSalt } from './record-commit';
import { expectedRecordHash, newRecordSalt, recordHash, SALTED_HASH_FORMAT, saltedRecordHash } from './record-hash';
import { transcriptSearchDocs } from './search/docs';
import { indexNewDoc, removeDocs } from './search/index-store';
import { normaliseSegments, type Segment } from './transcript-segments';

export { diffRevisions, type SegmentDiff } from './transcript-diff';
export type { Segment } from './transcript-segments';

/** One kept revision of an interview's transcript; its custody entry (`transcript.revised`) signs `sha256`. */
export interface Revision {
  id: string;
  interviewId: string;
  revision: number;
  sha256: string;
  note: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  segments: Segment[];
}

/** A revision without its segments, as history lists it. */
export type RevisionInfo = Omit<Revision, 'segments'> & { segmentCount: number };

const MAX_NOTE = 2000;

/** The record a revision's custody entry commits to: the interview id, the revision number and the segments. */
export function revisionRecord(
  interviewId: string,
  revision: number,
  segments: readonly Segment[],
): Record<string, unknown> {
  return { interviewId, revision, segments };
}

/**
 * The SHA-256 a revision is signed under: of its record with its salt (`salted-v1`), or of the bare record for a
 * revision saved before salts.
 */
export function revisionHash(
  interviewId: string,
  revision: number,
  segments: readonly Segment[],
  salt: Uint8Array | null,
): string {
  const record = revisionRecord(interviewId, revision, segments);
  return salt === null ? recordHash(record) : saltedRecordHash(salt, record);
}

/**
 * Saves a new revision (last + 1) of an interview's transcript. Earlier
 * revisions are kept unchanged; only the new one is searchable. The rows,
 * the search index and the custody entry `transcript.revised` commit together.
 */
export function reviseTranscript(vault: Vault, interviewId: string, segments: Segment[], note = ''): Revision {
  const interview = getInterview(vault.db, interviewId);
  const checked = normaliseSegments(segments);
  const cleanNote = note.trim();
  if (cleanNote.length > MAX_NOTE)
    throw new VigilError(
      'INVALID_INPUT',
      `The revision note is longer than ${MAX_NOTE} characters; nothing was saved.`,
    );
  const { result } = vault.change((db) => {
    const previous = latestRevisionRow(db, interview.id);
    // A plain digest only compares the two texts here; it is never stored or signed.
    if (previous && recordHash(readSegments(db, previous.id), true) === recordHash(checked, true)) {
      throw new VigilError(
        'INVALID_INPUT',
        `The transcript is the same as revision ${previous.revision}; no new revision was saved.`,
      );
    }
    const revision = (previous?.revision ?? 0) + 1;
    const id = randomUUID();
    const salt = newRecordSalt();
    const sha256 = revisionHash(interview.id, revision, checked, salt);
    const createdAt = new Date().toISOString();
    db.prepare(
      'INSERT INTO transcript_revisions (id, interview_id, revision, sha256, note, created_at, created_by, ' +
        'hash_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, interview.id, revision, sha256, cleanNote, createdAt, vault.member.id, salt);
    const insert = db.prepare(
      'INSERT INTO transcript_segments (revision_id, position, speaker, start_ms, end_ms, text, translation) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [position, s] of checked.entries())
      insert.run(id, position, s.speaker, s.startMs, s.endMs, s.text, s.translation);
    reindexSegments(db, previous, id);
    // Counts and hashes only: transcript words never enter the signed log.
    const data = {
      revision,
      revisionId: id,
      segments: checked.length,
      previous: previous?.sha256 ?? null,
      hashFormat: SALTED_HASH_FORMAT,
    };
    return { result: revision, custody: { action: 'transcript.revised', subject: interview.id, hash: sha256, data } };
  });
  return getRevision(vault.db, interview.id, result);
}

/** One revision with its segments; the latest unless a number is given. NOT_FOUND when there is none. */
export function getRevision(db: ReadDb, interviewId: string, revision?: number): Revision {
  const interview = getInterview(db, interviewId);
  const row = (
    revision === undefined
      ? db.prepare(`${REVISION_SELECT} WHERE r.interview_id = ? ORDER BY r.revision DESC LIMIT 1`).get(interview.id)
      : db.prepare(`${REVISION_SELECT} WHERE r.interview_id = ? AND r.revision = ?`).get(interview.id, revision)
  ) as RevisionDbRow | undefined;
  if (!row) {
    const which =
      revision === undefined
        ? 'no transcript yet ("vigil transcript import" adds one)'
        : `no revision ${revision} ("vigil transcript history" lists them)`;
    throw new VigilError('NOT_FOUND', `Interview ${interview.id} has ${which}.`);
  }
  return { ...toInfo(row), segments: readSegments(db, row.id) };
}

/** Every revision of an interview's transcript, oldest first, without the segments. */
export function listRevisions(db: ReadDb, interviewId: string): RevisionInfo[] {
  const interview = getInterview(db, interviewId);
  const rows = db
    .prepare(`${REVISION_SELECT} WHERE r.interview_id = ? ORDER BY r.revision`)
    .all(interview.id) as RevisionDbRow[];
  return rows.map((row) => ({ ...toInfo(row), segmentCount: row.segmentCount }));
}

/**
 * True when the stored segments of a revision still hash to the sha256 on its
 * row AND to the hash of the signed custody entry that recorded it.
 */
export function verifyRevisionHash(db: ReadDb, interviewId: string, revision: number): boolean {
  const rev = getRevision(db, interviewId, revision);
  const signed = revisionCustodyEntries(db, rev.id);
  const [entry] = signed;
  if (signed.length !== 1 || entry === undefined) return false;
  const expected = expectedRecordHash(
    entry.hashFormat ?? undefined,
    revisionRecord(rev.interviewId, rev.revision, rev.segments),
    recordSalt(db, 'transcript_revisions', rev.id),
  );
  return (
    'hash' in expected &&
    expected.hash === rev.sha256 &&
    entry.hash === expected.hash &&
    entry.subject === rev.interviewId &&
    entry.revision === rev.revision
  );
}

/** What a `transcript.revised` custody entry says about a revision. */
export interface RevisionCustodyEntry {
  seq: number;
  subject: string | null;
  hash: string | null;
  revision: unknown;
  revisionId: string;
  /** The record hash rule the entry names (`data.hashFormat`); null for the first rule. */
  hashFormat: unknown;
}

/** The `transcript.revised` custody entries, all of them or only those citing one revision id. */
export function revisionCustodyEntries(db: ReadDb, revisionId?: string): RevisionCustodyEntry[] {
  const sql = `SELECT seq, json_extract(entry, '$.subject') AS subject, json_extract(entry, '$.hash') AS hash,
                      json_extract(entry, '$.data.revision') AS revision, json_extract(entry, '$.data.revisionId') AS revisionId,
                      json_extract(entry, '$.data.hashFormat') AS hashFormat
               FROM custody_log WHERE json_extract(entry, '$.action') = 'transcript.revised'`;
  const rows =
    revisionId === undefined
      ? db.prepare(`${sql} ORDER BY seq`).all()
      : db.prepare(`${sql} AND json_extract(entry, '$.data.revisionId') = ? ORDER BY seq`).all(revisionId);
  return rows as RevisionCustodyEntry[];
}

/** The stored segments of a revision, in order. */
export function readSegments(db: ReadDb, revisionId: string): Segment[] {
  return db
    .prepare(
      'SELECT speaker, start_ms AS startMs, end_ms AS endMs, text, translation FROM transcript_segments WHERE ' +
        'revision_id = ? ORDER BY position',
    )
    .all(revisionId) as Segment[];
}

/** A revision row as selected, with the author's columns flat. */
type RevisionDbRow = Omit<Revision, 'createdBy' | 'segments'> & {
  createdById: string;
  createdByName: string;
  segmentCount: number;
};

const REVISION_SELECT = `
  SELECT r.id, r.interview_id AS interviewId, r.revision, r.sha256, r.note, r.created_at AS createdAt,
         r.created_by AS createdById, m.name AS createdByName,
         (SELECT count(*) FROM transcript_segments s WHERE s.revision_id = r.id) AS segmentCount
  FROM transcript_revisions r JOIN members m ON m.id = r.created_by`;

function toInfo(row: RevisionDbRow): Omit<Revision, 'segments'> {
  const { id, interviewId, revision, sha256, note, createdAt } = row;
  return {
    id,
    interviewId,
    revision,
    sha256,
    note,
    createdAt,
    createdBy: { id: row.createdById, name: row.createdByName },
  };
}

function latestRevisionRow(
  db: ReadDb,
  interviewId: string,
): { id: string; revision: number; sha256: string; segments: number } | undefined {
  return db
    .prepare(
      `SELECT r.id, r.revision, r.sha256, (SELECT count(*) FROM transcript_segments s WHERE s.revision_id = r.id) AS segments
       FROM transcript_revisions r WHERE r.interview_id = ? ORDER BY r.revision DESC LIMIT 1`,
    )
    .get(interviewId) as { id: string; revision: number; sha256: string; segments: number } | undefined;
}

/**
 * Only the current revision is searchable: the previous revision's rows go and
 * the new ones come in, built by the search module's own queries so that a
 * rebuilt index holds exactly the same rows.
 */
function reindexSegments(db: Db, previous: { id: string; segments: number } | undefined, revisionId: string): void {
  if (previous)
    removeDocs(
      db,
      'segment',
      Array.from({ length: previous.segments }, (_, position) => `${previous.id}:${position}`),
    );
  // A new revision's segment rows cannot exist yet: skip the search for an old row (6x faster).
  for (const doc of transcriptSearchDocs(db, revisionId)) indexNewDoc(db, doc);
}
