import type { Db } from '../database';

/**
 * Raw file names (issue 10): an item added from a name that is not valid UTF-8 (a cp1251
 * archive on Linux, say) keeps that name's bytes here; `file_name` holds its readable form.
 * NULL when the name was UTF-8, so `file_name` is then the name itself.
 */
export function migration0050RawFileNames(db: Db): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN file_name_raw BLOB CHECK (file_name_raw IS NULL OR length(file_name_raw) BETWEEN 1 AND 4096);
  `);
}
