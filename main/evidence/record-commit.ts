import { VigilError } from '../../shared/errors';
import type { Db, ReadDb } from '../vault/database';
import { newRecordSalt, SALTED_HASH_FORMAT, saltedRecordHash } from './record-hash';

/** Tables whose rows keep the salt of their committed state in `hash_salt` (migration 0070). */
export type SaltedTable =
  'cases' | 'people' | 'places' | 'events' | 'requests' | 'interviews' | 'items' | 'transcript_revisions';

/** What a change puts in its custody entry for a committed record: the salted hash, and `data` naming the rule. */
export interface RecordCommitment<D> {
  hash: string;
  data: D & { hashFormat: typeof SALTED_HASH_FORMAT };
}

/**
 * Inside a change: gives the row a fresh salt and returns the custody `hash` of `record`
 * under it, with `data` extended by `hashFormat`. The salt is replaced at every change, so
 * the salt of an earlier state (which could confirm an earlier name) is not kept.
 */
export function commitRecord<D extends Record<string, unknown>>(
  db: Db,
  table: SaltedTable,
  id: string,
  record: unknown,
  data: D,
): RecordCommitment<D> {
  const salt = newRecordSalt();
  // The table name comes from the closed SaltedTable union, never from input.
  const changed = db.prepare(`UPDATE ${table} SET hash_salt = ? WHERE id = ?`).run(salt, id).changes;
  if (changed !== 1) throw new VigilError('INTERNAL', `No ${table} row ${id} to commit; nothing was saved.`);
  return { hash: saltedRecordHash(salt, record), data: { ...data, hashFormat: SALTED_HASH_FORMAT } };
}

/** The salt kept with a row: null for a row committed before salts (or no such row). */
export function recordSalt(db: ReadDb, table: SaltedTable, id: string): Buffer | null {
  const salt = db.prepare(`SELECT hash_salt FROM ${table} WHERE id = ?`).pluck().get(id) as Buffer | null | undefined;
  return salt ?? null;
}
