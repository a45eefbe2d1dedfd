import type { SaltedTable } from '../../main/evidence/record-commit';
import { recordSalt } from '../../main/evidence/record-commit';
import { saltedRecordHash } from '../../main/evidence/record-hash';
import type { ReadDb } from '../../main/vault/database';

/**
 * The salted hash (`salted-v1`) of `record` under the salt its row keeps: what the latest custody entry about it signs.
 */
export function committedHash(db: ReadDb, table: SaltedTable, id: string, record: unknown): string {
  const salt = recordSalt(db, table, id);
  if (salt === null) throw new Error(`the ${table} row ${id} has no salt`);
  return saltedRecordHash(salt, record);
}
