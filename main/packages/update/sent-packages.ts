/**
 * What each package sent to recipients carried (migration 0130): the set of records the
 * recipients hold once they import it, so that the next update sends exactly the difference.
 * A package sealed to a passphrase has no recipient to follow and is not recorded.
 */
import type { Db, ReadDb } from '../../vault/database';
import { isRecordKind, recordKey, type RecordHash } from './record-set';

/** A package sent earlier, as the next update builds on it. */
export interface SentPackage {
  packageId: string;
  caseId: string;
  recipients: string[];
  profile: string;
  basePackageId: string | null;
  recordSet: string;
  sentAt: string;
}

/** The recipients' fingerprints as one stored value: sorted, so the same set always reads the same. */
function recipientsKey(fingerprints: readonly string[]): string {
  return JSON.stringify([...new Set(fingerprints)].sort());
}

const SELECT =
  `SELECT package_id AS packageId, case_id AS caseId, recipients, profile, base_package_id AS basePackageId, ` +
  `record_set AS recordSet, sent_at AS sentAt FROM sent_packages`;

function fromRow(row: Omit<SentPackage, 'recipients'> & { recipients: string }): SentPackage {
  return { ...row, recipients: JSON.parse(row.recipients) as string[] };
}

/** The last package of `caseId` sent to exactly these recipients, or null. */
export function lastSentPackage(db: ReadDb, caseId: string, fingerprints: readonly string[]): SentPackage | null {
  const row = db
    .prepare(`${SELECT} WHERE case_id = ? AND recipients = ? ORDER BY sent_at DESC, rowid DESC LIMIT 1`)
    .get(caseId, recipientsKey(fingerprints)) as (Omit<SentPackage, 'recipients'> & { recipients: string }) | undefined;
  return row === undefined ? null : fromRow(row);
}

/** A package sent earlier, by id, or null. */
export function sentPackage(db: ReadDb, packageId: string): SentPackage | null {
  const row = db.prepare(`${SELECT} WHERE package_id = ?`).get(packageId) as
    (Omit<SentPackage, 'recipients'> & { recipients: string }) | undefined;
  return row === undefined ? null : fromRow(row);
}

/** The records the recipients hold after importing `packageId`, by "<kind> <id>". */
export function sentRecords(db: ReadDb, packageId: string): Map<string, RecordHash> {
  const rows = db
    .prepare('SELECT kind, record_id AS id, hash FROM sent_package_records WHERE package_id = ?')
    .all(packageId) as { kind: string; id: string; hash: string }[];
  const out = new Map<string, RecordHash>();
  for (const r of rows)
    if (isRecordKind(r.kind)) out.set(recordKey(r.kind, r.id), { kind: r.kind, id: r.id, hash: r.hash });
  return out;
}

/** Records a sent package and the record set its recipients hold after it; runs in the export's custody transaction. */
export function recordSentPackage(db: Db, sent: Omit<SentPackage, 'sentAt'>, records: Iterable<RecordHash>): void {
  db.prepare(
    'INSERT INTO sent_packages (package_id, case_id, recipients, profile, base_package_id, record_set, ' +
      'sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    sent.packageId,
    sent.caseId,
    recipientsKey(sent.recipients),
    sent.profile,
    sent.basePackageId,
    sent.recordSet,
    new Date().toISOString(),
  );
  const insert = db.prepare('INSERT INTO sent_package_records (package_id, kind, record_id, hash) VALUES (?, ?, ?, ?)');
  for (const r of records) insert.run(sent.packageId, r.kind, r.id, r.hash);
}
