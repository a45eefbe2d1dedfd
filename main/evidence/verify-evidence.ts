import type { ReadDb } from '../vault/database';
import type { Finding } from '../vault/finding';
import { expectedRecordHash } from './record-hash';
import { readSegments, revisionCustodyEntries, revisionRecord, type RevisionCustodyEntry } from './transcripts';

interface RevisionRow {
  id: string;
  interviewId: string;
  revision: number;
  sha256: string;
  salt: Buffer | null;
}

/**
 * Re-hashes every stored transcript revision and compares the result with
 * the revision's row and with the signed custody entry that recorded it.
 * The custody chain proves the entries are authentic; this proves the stored
 * words are the ones those entries signed. One finding per problem, or one
 * passing finding when every revision holds.
 */
export function transcriptProblems(db: ReadDb): Finding[] {
  const rows = db
    .prepare(
      'SELECT id, interview_id AS interviewId, revision, sha256, hash_salt AS salt FROM transcript_revisions ' +
        'ORDER BY interview_id, revision',
    )
    .all() as RevisionRow[];
  const byRevision = new Map<string, RevisionCustodyEntry[]>();
  for (const entry of revisionCustodyEntries(db)) {
    const list = byRevision.get(entry.revisionId) ?? [];
    list.push(entry);
    byRevision.set(entry.revisionId, list);
  }
  const findings: Finding[] = [];
  for (const row of rows) {
    const problem = revisionProblem(db, row, byRevision.get(row.id) ?? []);
    byRevision.delete(row.id);
    if (problem)
      findings.push({
        check: 'transcript',
        ok: false,
        subject: `transcript ${row.interviewId} revision ${row.revision}`,
        detail: problem,
      });
  }
  for (const [revisionId, entries] of byRevision) {
    const seqs = entries.map((e) => e.seq).join(', ');
    findings.push({
      check: 'transcript',
      ok: false,
      subject: `transcript revision ${revisionId}`,
      detail:
        `custody entry ${seqs} records this transcript revision, but it is missing from the database (deleted or ` +
        `renamed)`,
    });
  }
  if (findings.length === 0)
    findings.push({
      check: 'transcript',
      ok: true,
      detail: `${rows.length} transcript revisions re-hashed; each matches its signed custody entry`,
    });
  return findings;
}

/**
 * The rule comes from the signed entry (`data.hashFormat`), never from the row: a row cannot choose how it is checked.
 */
function revisionProblem(db: ReadDb, row: RevisionRow, entries: RevisionCustodyEntry[]): string | null {
  const [entry, ...more] = entries;
  if (!entry) return 'no custody entry records this revision: it was written outside the vault';
  if (more.length > 0) return `${entries.length} custody entries claim this revision; expected exactly one`;
  const expected = expectedRecordHash(
    entry.hashFormat ?? undefined,
    revisionRecord(row.interviewId, row.revision, readSegments(db, row.id)),
    row.salt,
  );
  if ('problem' in expected)
    return `the revision cannot be checked against custody entry ${entry.seq}: ${expected.problem}`;
  const recomputed = expected.hash;
  if (recomputed !== row.sha256)
    return (
      "the stored segments do not hash to the revision's recorded SHA-256: the transcript was altered after it " +
      'was signed'
    );
  if (entry.hash !== recomputed)
    return (
      `the SHA-256 signed in custody entry ${entry.seq} differs from the stored revision: the revision was ` +
      `altered after it was signed`
    );
  if (entry.subject !== row.interviewId || entry.revision !== row.revision)
    return `custody entry ${entry.seq} records this revision for another interview or number: the revision was moved`;
  return null;
}
