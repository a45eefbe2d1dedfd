/**
 * What this vault received of a sender's records (migration 0130): per imported package, each
 * record it added or changed, with the record of this vault it became. The state of a case is
 * the latest row of each record over the imports of that case, oldest first.
 */
import type { Db, ReadDb } from '../../vault/database';
import { isRecordKind, recordKey, type RecordKind } from './record-set';

/** One of the sender's records as this vault holds it. */
export interface ReceivedRecord {
  kind: RecordKind;
  senderId: string;
  /**
   * The record of this vault it became; null when it was not brought in (an event of a person the package left out).
   */
  localId: string | null;
  hash: string;
  /** The record as the package carried it. */
  record: unknown;
}

/** A received record with the change its package made. */
export interface ReceivedChange extends ReceivedRecord {
  change: 'added' | 'changed';
}

interface Row {
  kind: string;
  senderId: string;
  localId: string | null;
  hash: string;
  record: string;
}

/** The sender's records the case holds now, by "<kind> <sender id>". */
export function receivedState(db: ReadDb, caseId: string): Map<string, ReceivedRecord> {
  const rows = db
    .prepare(
      `SELECT r.kind, r.sender_id AS senderId, r.local_id AS localId, r.hash, r.record
       FROM received_records r JOIN imported_packages p ON p.id = r.import_id
       WHERE p.case_id = ? ORDER BY p.rowid`,
    )
    .all(caseId) as Row[];
  const out = new Map<string, ReceivedRecord>();
  for (const r of rows) {
    if (!isRecordKind(r.kind)) continue;
    // A later import's row replaces an earlier one's; a change keeps the record it applied to.
    const before = out.get(recordKey(r.kind, r.senderId));
    out.set(recordKey(r.kind, r.senderId), {
      kind: r.kind,
      senderId: r.senderId,
      localId: r.localId ?? before?.localId ?? null,
      hash: r.hash,
      record: JSON.parse(r.record) as unknown,
    });
  }
  return out;
}

/** Keeps the records an import added or changed, as its provenance; runs in the import's transaction. */
export function saveReceived(db: Db, importId: string, changes: Iterable<ReceivedChange>): void {
  const insert = db.prepare(
    'INSERT INTO received_records (import_id, kind, sender_id, local_id, change, hash, record) VALUES (?, ?, ' +
      '?, ?, ?, ?, ?)',
  );
  for (const c of changes)
    insert.run(importId, c.kind, c.senderId, c.localId, c.change, c.hash, JSON.stringify(c.record));
}

/** Which package brought each change to a record of this vault, oldest first: the provenance of its current state. */
export function recordProvenance(
  db: ReadDb,
  localId: string,
): { packageId: string; change: 'added' | 'changed'; importedAt: string }[] {
  return db
    .prepare(
      `SELECT p.package_id AS packageId, r.change, p.imported_at AS importedAt
       FROM received_records r JOIN imported_packages p ON p.id = r.import_id
       WHERE r.local_id = ? ORDER BY p.rowid`,
    )
    .all(localId) as { packageId: string; change: 'added' | 'changed'; importedAt: string }[];
}
