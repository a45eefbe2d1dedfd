import { iterateStoredEntries } from '../custody/log-store';
import type { ReadDb } from '../vault/database';
import type { Finding } from '../vault/finding';
import { expectedRecordHash } from './record-hash';
import { RECORD_KINDS, recordKindOf, type RecordKind } from './record-kinds';

/** The latest signed custody entry about one record. */
interface Signed {
  seq: number;
  hash: string;
  kind: RecordKind['kind'];
  hashFormat: unknown;
}

/** Transcript revisions are checked by transcriptProblems (verify-evidence.ts), with their own rules. */
const CHECKED = RECORD_KINDS.filter((k) => k.kind !== 'transcript');

function latestEntries(db: ReadDb): Map<string, Signed> {
  const latest = new Map<string, Signed>();
  for (const row of iterateStoredEntries(db)) {
    const entry = JSON.parse(row.canonical) as {
      seq: number;
      action: string;
      subject: string | null;
      hash: string | null;
      data: Record<string, unknown>;
    };
    const kind = recordKindOf(entry.action);
    if (kind && kind.kind !== 'transcript' && entry.subject && entry.hash) {
      latest.set(`${kind.kind}:${entry.subject}`, {
        seq: entry.seq,
        hash: entry.hash,
        kind: kind.kind,
        hashFormat: entry.data.hashFormat,
      });
    }
  }
  return latest;
}

/**
 * Why a row is not the state its latest entry signed, or null when it is. The rule comes from the signed entry, never
 * from the row.
 */
function rowProblem(db: ReadDb, k: RecordKind, id: string, salt: Buffer | null, signed: Signed): string | null {
  const expected = expectedRecordHash(signed.hashFormat, k.current(db, id), salt);
  if ('problem' in expected)
    return `the stored row cannot be checked against custody entry ${signed.seq}: ${expected.problem}`;
  if (expected.hash !== signed.hash)
    return `the stored row differs from the state signed in custody entry ${signed.seq}: it was changed outside Vigil`;
  return null;
}

/**
 * Re-hashes every case, person, place, event, request, interview and edited item and
 * compares it with the hash in the latest signed custody entry about it, by the rule that
 * entry names (`data.hashFormat`: salted with the row's salt, or the first rule for entries
 * written before salts). The chain proves the entries are authentic; this proves the rows
 * are the state they signed: an edit made outside Vigil, a removed or replaced salt, a
 * deleted row or a row inserted without an entry is reported.
 */
export function recordProblems(db: ReadDb): Finding[] {
  const latest = latestEntries(db);
  const findings: Finding[] = [];
  let checked = 0;
  for (const k of CHECKED) {
    // The table name comes from the fixed RECORD_KINDS list.
    for (const { id, salt } of db.prepare(`SELECT id, hash_salt AS salt FROM ${k.table}`).all() as {
      id: string;
      salt: Buffer | null;
    }[]) {
      const signed = latest.get(`${k.kind}:${id}`);
      latest.delete(`${k.kind}:${id}`);
      if (!signed) {
        if (k.everyRow)
          findings.push({
            check: 'record',
            ok: false,
            subject: `${k.kind} ${id}`,
            detail: 'no custody entry records this row: it was added outside Vigil',
          });
        continue;
      }
      checked++;
      const problem = rowProblem(db, k, id, salt, signed);
      if (problem !== null) findings.push({ check: 'record', ok: false, subject: `${k.kind} ${id}`, detail: problem });
    }
  }
  for (const [key, signed] of latest)
    findings.push({
      check: 'record',
      ok: false,
      subject: key.replace(':', ' '),
      detail: `custody entry ${signed.seq} records this ${signed.kind}, but it is missing from the database`,
    });
  if (findings.length === 0)
    findings.push({
      check: 'record',
      ok: true,
      detail:
        `${checked} cases, people, places, events, requests, interviews and edited items re-hashed; each matches ` +
        `its latest signed custody entry`,
    });
  return findings;
}
