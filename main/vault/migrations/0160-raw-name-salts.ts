import type { Db } from '../database';

/**
 * A salt for the raw (non-UTF-8) file name of an item (issue 14, DESIGN §5). The `item.ingested`
 * entry of such an item cited the name by the bare SHA-256 of its bytes, which let anyone holding
 * the entry (every package recipient) confirm a guessed file name offline; new entries commit to
 * SHA-256(salt ‖ bytes) with this salt, kept only in the vault. Rows of earlier versions keep
 * NULL: their entries carry the bare digest and are checked by it.
 */
export function migration0160RawNameSalts(db: Db): void {
  db.exec(
    'ALTER TABLE items ADD COLUMN raw_name_salt BLOB CHECK (raw_name_salt IS NULL OR (length(raw_name_salt) = 32 ' +
      'AND file_name_raw IS NOT NULL))',
  );
}
